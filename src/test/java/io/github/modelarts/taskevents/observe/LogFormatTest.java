package io.github.modelarts.taskevents.observe;

import static io.github.modelarts.taskevents.testsupport.TaskBodies.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.modelarts.taskevents.App;
import io.github.modelarts.taskevents.simulator.Fault;
import io.github.modelarts.taskevents.task.model.TaskJson;
import io.github.modelarts.taskevents.testsupport.JavaProcess;
import io.github.modelarts.taskevents.testsupport.Pipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** LOG_FORMAT as an operator sets it: the environment of the real entry point, in a JVM of its own. */
class LogFormatTest {
    private static final String DS = "dsLogs";

    @Test
    void givenLogFormatJson_whenEventsArePublished_thenEveryLogLineIsJsonAndEachEventHasOne() throws Exception {
        try (Pipeline pipeline = new Pipeline().watching(DS + "/done", DS + "/broken")) {
            pipeline.simulator().putTask(DS, task("done", 3, "ModelArts.4996"));
            pipeline.simulator().putTask(DS, task("broken", 1, "ModelArts.4902"));
            pipeline.simulator().injectFault(DS, "broken", Fault.error(500, "ModelArts.0010", "Internal error"));
            Map<String, String> env = new HashMap<>(pipeline.environment());
            // a generous timeout: a cold JVM's first polls must get the simulator's 500, not time out
            env.putAll(Map.of("LOG_FORMAT", "json", "POLL_CRON", "0/1 * * * * ?", "HTTP_RETRIES", "0",
                    "POLL_ERROR_THRESHOLD", "1", "HTTP_READ_TIMEOUT_MS", "20000"));
            Path log = Files.createTempFile("json-log", ".txt");

            List<JsonNode> lines = new ArrayList<>();
            try (JavaProcess app = JavaProcess.start(App.class.getName(), List.of(), env, log)) {
                await().atMost(Duration.ofSeconds(60)).until(() -> app.output().contains("task=done")
                        && app.output().contains("task=broken"));
                app.stop();
                for (String line : app.output().split("\n")) {
                    assertThat(line).as("a text log line").doesNotMatch("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} .*");
                    if (line.startsWith("{")) {
                        lines.add(TaskJson.MAPPER.readTree(line));
                    }
                }
            }

            assertThat(lines).isNotEmpty().allSatisfy(line -> {
                assertThat(line.get("timestamp").asLong()).isPositive();
                assertThat(line.get("level").asText()).isNotBlank();
                assertThat(line.get("loggerName").asText()).isNotBlank();
            });
            assertThat(lines).extracting(line -> line.get("formattedMessage").asText())
                    .anySatisfy(message -> assertThat(message).startsWith("published modelarts.task.succeeded")
                            .contains("task=done"))
                    .anySatisfy(message -> assertThat(message).startsWith("published modelarts.task.error")
                            .contains("task=broken").endsWith("reason=http-error"));
        }
    }

    @Test
    void givenAnUnknownLogFormat_whenStarted_thenItRefusesNamingTheVariable() throws Exception {
        try (Pipeline pipeline = new Pipeline()) {
            Map<String, String> env = new HashMap<>(pipeline.environment());
            env.put("LOG_FORMAT", "yaml");
            Path log = Files.createTempFile("bad-log-format", ".txt");
            try (JavaProcess app = JavaProcess.start(App.class.getName(), List.of(), env, log)) {
                assertThat(app.waitForExit(Duration.ofSeconds(60))).isEqualTo(2);
                assertThat(app.output()).contains("LOG_FORMAT (log.format) must be one of [text, json], got 'yaml'");
            }
        }
    }
}
