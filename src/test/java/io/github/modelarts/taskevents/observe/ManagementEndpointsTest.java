package io.github.modelarts.taskevents.observe;

import static io.github.modelarts.taskevents.testsupport.TaskBodies.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.modelarts.taskevents.simulator.Fault;
import io.github.modelarts.taskevents.simulator.auth.AuthGate;
import io.github.modelarts.taskevents.testsupport.CloudCredentials;
import io.github.modelarts.taskevents.testsupport.ManagementClient;
import io.github.modelarts.taskevents.testsupport.ManagementClient.Answer;
import io.github.modelarts.taskevents.testsupport.Pipeline;
import io.github.modelarts.taskevents.testsupport.PrometheusText;
import io.github.modelarts.taskevents.testsupport.TopicReader;
import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The management endpoints over real HTTP, against the real pipeline, simulator and Kafka. */
class ManagementEndpointsTest {
    private static final String DS = "dsObserve";
    private static final String PREFIX = "modelarts_task_events_";
    private static final String TOKEN = "observe-Token-0123456789";

    @Test
    void givenARunningPipeline_whenProbed_thenLiveAndReadyAnswerUpAsJson() throws Exception {
        try (Pipeline pipeline = new Pipeline().watching(DS + "/t1")) {
            pipeline.simulator().putTask(DS, task("t1", 1, "ModelArts.4902"));
            pipeline.start();
            ManagementClient management = pipeline.management();

            Answer live = management.get("/observe/health/live");
            Answer ready = management.get("/observe/health/ready");

            assertThat(live.status()).isEqualTo(200);
            assertThat(live.contentType()).startsWith("application/json");
            assertThat(live.json().get("status").asText()).isEqualTo("UP");
            assertThat(ready.status()).as(ready.body()).isEqualTo(200);
            assertThat(ready.json().get("status").asText()).isEqualTo("UP");
        }
    }

    @Test
    void givenEventsPublished_whenScraped_thenCountersMoveByTypeTopicAndReason() throws Exception {
        try (Pipeline pipeline = new Pipeline().watching(DS + "/done", DS + "/running", DS + "/broken");
             TopicReader reader = pipeline.reader()) {
            pipeline.simulator().putTask(DS, task("done", 3, "ModelArts.4996"));
            pipeline.simulator().putTask(DS, task("running", 1, "ModelArts.4902"));
            pipeline.simulator().putTask(DS, task("broken", 1, "ModelArts.4902"));
            pipeline.simulator().injectFault(DS, "broken", Fault.error(500, "ModelArts.0010", "Internal error"));
            pipeline.with("http.retries", "0").with("poll.error.threshold", "1").start();
            ManagementClient management = pipeline.management();
            PrometheusText before = management.metrics();
            assertThat(before.value(PREFIX + "events_published_total")).isZero();

            pipeline.poll();
            reader.await(3, r -> true);

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                PrometheusText metrics = management.metrics();
                assertThat(metrics.value(PREFIX + "events_published_total", "type", "modelarts.task.succeeded",
                        "topic", pipeline.topics().completed())).isEqualTo(1);
                assertThat(metrics.value(PREFIX + "events_published_total", "type", "modelarts.task.progress",
                        "topic", pipeline.topics().progress())).isEqualTo(1);
                assertThat(metrics.value(PREFIX + "error_events_total", "reason", "http-error")).isEqualTo(1);
            });
            PrometheusText metrics = management.metrics();
            assertThat(metrics.value(PREFIX + "polls_total", "outcome", "ok")).isEqualTo(2);
            assertThat(metrics.value(PREFIX + "polls_total", "outcome", "http_5xx")).isEqualTo(1);
            assertThat(metrics.value(PREFIX + "http_request_seconds_count", "status", "2xx")).isEqualTo(2);
            assertThat(metrics.value(PREFIX + "http_request_seconds_count", "status", "5xx")).isEqualTo(1);
            assertThat(metrics.value(PREFIX + "http_request_seconds_bucket", "status", "2xx", "le", "+Inf"))
                    .isEqualTo(2);
            assertThat(metrics.value(PREFIX + "poll_cycle_seconds_count")).isEqualTo(1);
            assertThat(metrics.value(PREFIX + "last_successful_cycle_timestamp_seconds"))
                    .isGreaterThan(System.currentTimeMillis() / 1000.0 - 60);
            assertThat(metrics.value(PREFIX + "watched_tasks", "status", "succeeded")).isEqualTo(1);
            assertThat(metrics.value(PREFIX + "watched_tasks", "status", "running")).isEqualTo(1);
            assertThat(metrics.value(PREFIX + "watched_tasks", "status", "none")).isEqualTo(1);
            assertThat(metrics.value(PREFIX + "outbox_backlog_events")).isZero();
            assertThat(metrics.value(PREFIX + "outbox_oldest_age_seconds")).isZero();
        }
    }

    @Test
    void givenTasksInSeveralStates_whenTasksViewRead_thenItShowsWhatTheSimulatorSays() throws Exception {
        try (Pipeline pipeline = new Pipeline().watching(DS + "/done", DS + "/running", DS + "/broken")) {
            pipeline.simulator().putTask(DS, task("done", 3, "ModelArts.4996"));
            pipeline.simulator().putTask(DS, task("running", 1, "ModelArts.4902"));
            pipeline.simulator().putTask(DS, task("broken", 1, "ModelArts.4902"));
            pipeline.simulator().injectFault(DS, "broken", Fault.error(503, "ModelArts.4700", "unavailable"));
            pipeline.with("http.retries", "0").start();
            pipeline.poll();
            pipeline.simulator().updateTask(DS, "running", Map.of("code", "ModelArts.4904", "progress", 70.0));
            pipeline.poll();

            Answer answer = pipeline.management().get("/observe/tasks");

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.contentType()).startsWith("application/json");
            JsonNode tasks = answer.json();
            assertThat(tasks).hasSize(3);
            JsonNode running = byId(tasks, "running");
            assertThat(running.get("dataset_id").asText()).isEqualTo(DS);
            assertThat(running.get("task_name").asText()).isEqualTo("name-running");
            assertThat(running.get("source").asText()).isEqualTo("static");
            assertThat(running.get("status").asInt()).isEqualTo(1);
            assertThat(running.get("status_name").asText()).isEqualTo("running");
            assertThat(running.get("code").asText()).isEqualTo("ModelArts.4904");
            assertThat(running.get("progress").asDouble()).isEqualTo(70.0);
            assertThat(running.get("last_event_type").asText()).isEqualTo("modelarts.task.progress");
            assertThat(running.get("last_event_at").asText()).isNotBlank();
            assertThat(running.get("last_poll_at").asText()).isNotBlank();
            assertThat(running.get("consecutive_errors").asInt()).isZero();
            JsonNode done = byId(tasks, "done");
            assertThat(done.get("status_name").asText()).isEqualTo("succeeded");
            assertThat(done.get("terminal").asBoolean()).isTrue();
            assertThat(done.get("last_event_type").asText()).isEqualTo("modelarts.task.succeeded");
            JsonNode broken = byId(tasks, "broken");
            assertThat(broken.get("consecutive_errors").asInt()).isEqualTo(2);
            assertThat(broken.get("status").isNull()).isTrue();
            assertThat(broken.get("last_poll_at").asText()).isNotBlank();
        }
    }

    @Test
    void givenEveryKindOfFailedPoll_whenPolled_thenEachCountsUnderItsOwnOutcome() throws Exception {
        Map<String, Fault> faults = Map.of(
                "forbidden", Fault.error(403, "ModelArts.0203", "Forbidden"),
                "unavailable", Fault.error(503, "ModelArts.4700", "Service unavailable"),
                "slow", Fault.latency(Duration.ofMillis(4000)),
                "reset", Fault.connectionReset(),
                "garbled", Fault.malformedBody());
        try (Pipeline pipeline = new Pipeline()) {
            pipeline.simulator().putTask(DS, task("fine", 1, "ModelArts.4902"));
            faults.forEach((taskId, fault) -> {
                pipeline.simulator().putTask(DS, task(taskId, 1, "ModelArts.4902"));
                pipeline.simulator().injectFault(DS, taskId, fault);
            });
            pipeline.watching(DS + "/fine", DS + "/forbidden", DS + "/unavailable", DS + "/slow", DS + "/reset",
                    DS + "/garbled").with("http.retries", "0").with("http.read.timeout.ms", "1500").start();

            pipeline.poll();

            PrometheusText metrics = pipeline.management().metrics();
            for (String outcome : new String[] {"ok", "http_4xx", "http_5xx", "timeout", "connection", "malformed"}) {
                assertThat(metrics.value(PREFIX + "polls_total", "outcome", outcome)).as(outcome).isEqualTo(1);
            }
            assertThat(metrics.value(PREFIX + "polls_total", "outcome", "auth")).isZero();
            assertThat(metrics.value(PREFIX + "http_request_seconds_count", "status", "none")).isEqualTo(2);
            assertThat(metrics.value(PREFIX + "http_request_seconds_count", "status", "4xx")).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "auth {0}")
    @ValueSource(strings = {"token", "password", "aksk"})
    void givenSecretsInTheConfiguration_whenEveryEndpointIsRead_thenNoneShowsASecret(String mode) throws Exception {
        AuthGate gate = CloudCredentials.gate().build();
        String token = gate.issueToken();
        String databasePassword = "db-Secret-2342";
        try (Pipeline pipeline = CloudCredentials.pipeline(mode, gate).watching(DS + "/done", DS + "/broken");
             TopicReader reader = pipeline.reader()) {
            pipeline.simulator().putTask(DS, task("done", 3, "ModelArts.4996"));
            pipeline.simulator().putTask(DS, task("broken", 1, "ModelArts.4902"));
            pipeline.simulator().injectFault(DS, "broken", Fault.error(403, "ModelArts.0203", "Forbidden"));
            // every secret setting filled, whichever the mode uses
            pipeline.with("modelarts.password", CloudCredentials.PASSWORD)
                    .with("modelarts.sk", CloudCredentials.SECRET_KEY)
                    .with("state.jdbc.password", databasePassword)
                    .with("management.token", TOKEN).start();
            pipeline.poll();
            reader.await(2, r -> true);
            ManagementClient management = pipeline.management();

            String[] secrets = {CloudCredentials.PASSWORD, CloudCredentials.SECRET_KEY, databasePassword, token,
                    TOKEN};
            for (String path : new String[] {"/observe/health", "/observe/health/live", "/observe/health/ready",
                    "/observe/metrics", "/observe/tasks", "/observe/info", "/q/dev"}) {
                for (String query : new String[] {"", "?exposureLevel=full&data=true&stackTrace=true"}) {
                    assertThat(management.get(path + query).body()).as(path + query).doesNotContain(secrets);
                    assertThat(management.get(path + query, "Bearer " + TOKEN).body()).as(path + query + " with token")
                            .doesNotContain(secrets);
                }
            }
            assertThat(management.metrics().value(PREFIX + "error_events_total", "reason", "forbidden"))
                    .isEqualTo(1);
            if (mode.equals("password")) {
                assertThat(management.metrics().value(PREFIX + "token_requests_total", "outcome", "obtained"))
                        .isEqualTo(1);
            }
        }
    }

    @Test
    void givenManagementHost127001_whenStarted_thenOnlyThatAddressAnswers() throws Exception {
        try (Pipeline pipeline = new Pipeline().with("management.host", "127.0.0.1")) {
            pipeline.start();

            assertThat(pipeline.management().get("/observe/health/live").status()).isEqualTo(200);
            // every 127.x.y.z reaches this machine: a server bound to 0.0.0.0 would answer on 127.0.0.2 too
            assertThatThrownBy(() -> new Socket("127.0.0.2", pipeline.application().managementPort()).close())
                    .isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void givenAManagementToken_whenTasksViewRead_thenOnlyTheRightBearerTokenIsLetIn() throws Exception {
        try (Pipeline pipeline = new Pipeline().watching(DS + "/running").with("management.token", TOKEN)) {
            pipeline.simulator().putTask(DS, task("running", 1, "ModelArts.4902"));
            pipeline.start();
            pipeline.poll();
            ManagementClient management = pipeline.management();

            for (String refused : new String[] {null, "Bearer wrong-" + TOKEN, "Bearer " + TOKEN + "x",
                    "Bearer " + TOKEN.substring(1), "Basic " + TOKEN, TOKEN, "Bearer"}) {
                Answer answer = refused == null ? management.get("/observe/tasks")
                        : management.get("/observe/tasks", refused);
                assertThat(answer.status()).as(String.valueOf(refused)).isEqualTo(401);
                assertThat(answer.body()).as(String.valueOf(refused)).doesNotContain("running", TOKEN);
            }
            Answer allowed = management.get("/observe/tasks", "Bearer " + TOKEN);
            assertThat(allowed.status()).isEqualTo(200);
            assertThat(allowed.json().get(0).get("task_id").asText()).isEqualTo("running");
            assertThat(management.get("/observe/tasks", "bearer " + TOKEN).status()).as("scheme in lower case")
                    .isEqualTo(200);
            assertThat(management.get("/observe/health/live").status()).isEqualTo(200);
            assertThat(management.get("/observe/health/ready").status()).isEqualTo(200);
            assertThat(management.get("/observe/metrics").status()).isEqualTo(200);
        }
    }

    private static JsonNode byId(JsonNode tasks, String taskId) {
        for (JsonNode task : tasks) {
            if (task.get("task_id").asText().equals(taskId)) {
                return task;
            }
        }
        throw new AssertionError("no task " + taskId + " in " + tasks);
    }
}
