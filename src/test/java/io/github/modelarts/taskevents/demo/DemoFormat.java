package io.github.modelarts.taskevents.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** One line per event: when, what kind, which task, and the few fields that tell its story. */
final class DemoFormat {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private DemoFormat() {
    }

    static String line(String topic, String ceType, JsonNode event) {
        String kind = ceType.replace("modelarts.task.", "").toUpperCase();
        StringBuilder line = new StringBuilder()
                .append(time(event)).append("  ")
                .append(String.format("%-10s", kind))
                .append(" ").append(text(event, "task_id"))
                .append(" (").append(text(event, "task_name")).append(")");
        switch (kind) {
            case "PROGRESS" -> line.append("  ").append(text(event, "status_name"))
                    .append(" · ").append(text(event, "phase"))
                    .append(" · ").append(event.path("progress").asDouble()).append('%');
            case "SUCCEEDED" -> line.append("  counts ").append(text(event, "total_sample_count")).append(" total, ")
                    .append(text(event, "annotated_sample_count")).append(" labeled, ")
                    .append(text(event, "unconfirmed_sample_count")).append(" to confirm");
            case "FAILED", "STOPPED" -> line.append("  ").append(text(event, "failure_category"))
                    .append(event.path("retryable").asBoolean() ? " (retryable)" : "")
                    .append(" · ").append(either(event, "error_code", "code")).append(' ')
                    .append(either(event, "error_msg", "message"));
            default -> line.append("  ").append(text(event, "reason")).append(' ')
                    .append(text(event, "http_status"));
        }
        return line.append("   → ").append(topic).toString();
    }

    private static String time(JsonNode event) {
        try {
            return TIME.format(Instant.parse(event.path("observed_at").asText()));
        } catch (RuntimeException e) {
            return "--:--:--";
        }
    }

    private static String either(JsonNode event, String field, String fallback) {
        return event.hasNonNull(field) ? text(event, field) : text(event, fallback);
    }

    private static String text(JsonNode event, String field) {
        JsonNode value = event.get(field);
        return value == null || value.isNull() ? "-" : value.asText();
    }
}
