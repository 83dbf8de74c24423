package io.github.modelarts.taskevents.fetch;

import static io.github.modelarts.taskevents.testsupport.TaskBodies.task;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.modelarts.taskevents.simulator.Fault;
import io.github.modelarts.taskevents.task.TaskRef;
import io.github.modelarts.taskevents.task.model.TaskJson;
import io.github.modelarts.taskevents.testsupport.Pipeline;
import io.github.modelarts.taskevents.testsupport.TopicReader.Received;
import io.github.modelarts.taskevents.testsupport.TopicReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each class of API fault, injected by the simulator: exact error events, and the healthy task unharmed. */
class ApiFaultsTest {
    private static final String DS = "dsFaults";

    @Test
    void givenPersistent503_whenPolled_thenOneErrorEventAtTheThreshold_andRecoveryPublishesNothingExtra()
            throws Exception {
        try (Pipeline pipeline = pipeline(); TopicReader reader = pipeline.reader()) {
            pipeline.simulator().injectFault(DS, "sick", Fault.error(503, "ModelArts.4700", "Platform upgrading"));
            pipeline.with("http.retries", "1").start();

            for (int cycle = 0; cycle < 5; cycle++) {
                pipeline.poll();
            }
            pipeline.simulator().clearFaults();
            pipeline.poll();
            pipeline.simulator().updateTask(DS, "healthy", Map.of("code", "ModelArts.4904"));
            pipeline.poll();

            reader.await(2, r -> r.key().equals("healthy"));
            List<Received> errors = errorsOf(reader, "sick");
            assertThat(errors).hasSize(1);
            JsonNode error = json(errors.get(0));
            assertThat(error.get("reason").asText()).isEqualTo("http-error");
            assertThat(error.get("http_status").asInt()).isEqualTo(503);
            assertThat(error.get("error_code").asText()).isEqualTo("ModelArts.4700");
            assertThat(error.get("attempts").asInt()).isEqualTo(2);
            assertThat(error.get("consecutive_failures").asInt()).isEqualTo(3);
            assertThat(reader.all()).filteredOn(r -> r.key().equals("sick"))
                    .extracting(r -> r.header("ce_type")).containsOnly("modelarts.task.error", "modelarts.task.progress");
            assertThat(pipeline.application().watchList().memory(new TaskRef(DS, "sick")).consecutiveFailures())
                    .isZero();
        }
    }

    @Test
    void givenThrottled_whenPolled_thenRetryAfterIsHonouredAndThePollSucceeds() throws Exception {
        try (Pipeline pipeline = pipeline(); TopicReader reader = pipeline.reader()) {
            pipeline.simulator().injectFault(DS, "sick", Fault.error(429, "APIG.0308",
                    "The throttling threshold has been reached: policy user over ratelimit,limit:10,time:1 second")
                    .withHeader("Retry-After", "1").times(1));
            pipeline.with("http.retries", "1").with("poll.error.threshold", "1").start();

            long started = System.nanoTime();
            pipeline.poll();
            Duration cycle = Duration.ofNanos(System.nanoTime() - started);

            assertThat(cycle).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
            assertThat(pipeline.simulator().taskRequestCount(DS, "sick")).isEqualTo(2);
            reader.await(1, r -> r.key().equals("sick") && r.header("ce_type").equals("modelarts.task.progress"));
            reader.await(1, r -> r.key().equals("healthy"));
            assertThat(errorsOf(reader, "sick")).isEmpty();
        }
    }

    @Test
    void givenTaskGone_whenPolled_thenOneNotFoundEventAndTheTaskLeavesTheWatchList() throws Exception {
        try (Pipeline pipeline = pipeline(); TopicReader reader = pipeline.reader()) {
            pipeline.simulator().removeTask(DS, "sick");
            pipeline.start();

            pipeline.poll();
            pipeline.poll();

            JsonNode error = json(reader.await(1, r -> r.key().equals("sick")).get(0));
            assertThat(error.get("reason").asText()).isEqualTo("not-found");
            assertThat(error.get("http_status").asInt()).isEqualTo(400);
            assertThat(error.get("error_code").asText()).isEqualTo("ModelArts.4612");
            assertThat(pipeline.simulator().taskRequestCount(DS, "sick")).isEqualTo(1);
            assertThat(pipeline.application().watchList().entries()).extracting(e -> e.ref().taskId())
                    .containsExactly("healthy");
        }
    }

    @Test
    void givenForbidden_whenPolledRepeatedly_thenOneEventPerStreakAndPolledAtTheLowerRate() throws Exception {
        try (Pipeline pipeline = pipeline(); TopicReader reader = pipeline.reader()) {
            pipeline.simulator().injectFault(DS, "sick", Fault.error(403, "ModelArts.0108", "Not authorized"));
            pipeline.with("terminal.recheck.cycles", "3").start();

            for (int cycle = 0; cycle < 6; cycle++) {
                pipeline.poll();
            }
            pipeline.simulator().updateTask(DS, "healthy", Map.of("code", "ModelArts.4904"));
            pipeline.poll();

            reader.await(2, r -> r.key().equals("healthy"));
            List<Received> errors = errorsOf(reader, "sick");
            assertThat(errors).hasSize(1);
            assertThat(json(errors.get(0)).get("reason").asText()).isEqualTo("forbidden");
            assertThat(json(errors.get(0)).get("http_status").asInt()).isEqualTo(403);
            assertThat(pipeline.simulator().taskRequestCount(DS, "sick")).isEqualTo(3);
        }
    }

    static List<Arguments> badBodies() {
        ObjectNode wrongType = task("sick", 1, "ModelArts.4902");
        wrongType.put("status", "running");
        return List.of(
                Arguments.of("truncated JSON", Fault.malformedBody(), null),
                Arguments.of("HTML instead of JSON",
                        Fault.status(200, "<html>Bad gateway</html>").withContentType("text/html"), null),
                Arguments.of("status of the wrong type", Fault.status(200, wrongType.toString()), null),
                Arguments.of("oversized body", null, "x".repeat(4096)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void givenUnusableBody_whenPolled_thenMalformedResponseEventWithTheRawBodyCut(String name, Fault fault,
                                                                                 String hugeMessage)
            throws Exception {
        try (Pipeline pipeline = pipeline(); TopicReader reader = pipeline.reader()) {
            if (fault != null) {
                pipeline.simulator().injectFault(DS, "sick", fault);
            } else {
                pipeline.simulator().updateTask(DS, "sick", Map.of("message", hugeMessage));
            }
            pipeline.with("max.response.bytes", "2048").start();

            pipeline.poll();

            JsonNode error = json(reader.await(1, r -> r.key().equals("sick")).get(0));
            assertThat(error.get("reason").asText()).isEqualTo("malformed-response");
            assertThat(error.get("http_status").asInt()).isEqualTo(200);
            assertThat(error.get("body").asText()).isNotEmpty().hasSizeLessThanOrEqualTo(1025);
            reader.await(1, r -> r.key().equals("healthy"));
        }
    }

    @Test
    void givenHungConnection_whenPolled_thenTimeoutErrorAndTheCycleEndsInTime() throws Exception {
        try (Pipeline pipeline = pipeline(); TopicReader reader = pipeline.reader()) {
            pipeline.simulator().injectFault(DS, "sick", Fault.latency(Duration.ofSeconds(20)));
            pipeline.with("http.read.timeout.ms", "1000").with("http.retries", "0")
                    .with("poll.error.threshold", "1").start();

            long started = System.nanoTime();
            pipeline.poll();

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            JsonNode error = json(reader.await(1, r -> r.key().equals("sick")).get(0));
            assertThat(error.get("reason").asText()).isEqualTo("timeout");
            assertThat(error.has("http_status")).isFalse();
            reader.await(1, r -> r.key().equals("healthy"));
        }
    }

    @Test
    void givenConnectionReset_whenPolled_thenConnectionErrorEvent() throws Exception {
        try (Pipeline pipeline = pipeline(); TopicReader reader = pipeline.reader()) {
            pipeline.simulator().injectFault(DS, "sick", Fault.connectionReset());
            pipeline.with("http.retries", "0").with("poll.error.threshold", "1").start();

            pipeline.poll();

            JsonNode error = json(reader.await(1, r -> r.key().equals("sick")).get(0));
            assertThat(error.get("reason").asText()).isEqualTo("connection-error");
            assertThat(error.get("attempts").asInt()).isEqualTo(1);
            reader.await(1, r -> r.key().equals("healthy"));
        }
    }

    @Test
    void givenSlowApi_whenTheCycleBudgetRunsOut_thenTheRemainingTaskLeadsTheNextCycle() throws Exception {
        try (Pipeline pipeline = pipeline().watching(DS + "/sick", DS + "/healthy", DS + "/third")) {
            pipeline.simulator().putTask(DS, task("third", 1, "ModelArts.4902"));
            pipeline.simulator().injectGlobalFault(Fault.latency(Duration.ofMillis(600)));
            pipeline.with("max.concurrent.requests", "1").with("poll.cycle.budget.ms", "1000").start();

            pipeline.poll();
            List<String> deferred = List.of("sick", "healthy", "third").stream()
                    .filter(id -> pipeline.simulator().taskRequestCount(DS, id) == 0).toList();
            pipeline.simulator().clearFaults();
            pipeline.poll();

            assertThat(deferred).hasSize(1);
            assertThat(pipeline.simulator().taskRequestCount(DS, deferred.get(0))).isEqualTo(1);
            assertThat(pipeline.simulator().requestCount()).isEqualTo(5);
        }
    }

    /** Two running tasks: "sick" gets the fault, "healthy" shows the others carry on. */
    private static Pipeline pipeline() {
        Pipeline pipeline = new Pipeline().watching(DS + "/sick", DS + "/healthy");
        pipeline.simulator().putTask(DS, task("sick", 1, "ModelArts.4902"));
        pipeline.simulator().putTask(DS, task("healthy", 1, "ModelArts.4902"));
        return pipeline;
    }

    private static List<Received> errorsOf(TopicReader reader, String taskId) {
        return reader.all().stream()
                .filter(r -> r.key().equals(taskId) && r.header("ce_type").equals("modelarts.task.error")).toList();
    }

    private static JsonNode json(Received event) throws Exception {
        return TaskJson.MAPPER.readTree(event.value());
    }
}
