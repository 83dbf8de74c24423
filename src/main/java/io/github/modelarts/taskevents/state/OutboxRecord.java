package io.github.modelarts.taskevents.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.modelarts.taskevents.event.EventTypes;
import io.github.modelarts.taskevents.task.model.TaskJson;
import java.util.Map;

/** A recorded event waiting for Kafka's acknowledgement; {@code seq} orders the outbox. */
public record OutboxRecord(long seq, String ceId, String topic, String key, Map<String, String> headers,
                           String value) {

    /** The record's {@code ce_type}. */
    public String type() {
        return headers.get("ce_type");
    }

    /** The {@code reason} of an error event, for its log line and metric; null for any other event. */
    public String errorReason() {
        if (!EventTypes.ERROR.equals(type())) {
            return null;
        }
        try {
            JsonNode reason = TaskJson.MAPPER.readTree(value).get("reason");
            return reason == null ? null : reason.asText();
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
