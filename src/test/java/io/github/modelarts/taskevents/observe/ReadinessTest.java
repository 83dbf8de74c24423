package io.github.modelarts.taskevents.observe;

import static io.github.modelarts.taskevents.testsupport.TaskBodies.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.modelarts.taskevents.simulator.Fault;
import io.github.modelarts.taskevents.simulator.RequestGate;
import io.github.modelarts.taskevents.simulator.RequestKind;
import io.github.modelarts.taskevents.testing.MutableClock;
import io.github.modelarts.taskevents.testsupport.KafkaProcess;
import io.github.modelarts.taskevents.testsupport.ManagementClient;
import io.github.modelarts.taskevents.testsupport.ManagementClient.Answer;
import io.github.modelarts.taskevents.testsupport.Pipeline;
import io.github.modelarts.taskevents.testsupport.TopicReader;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** /observe/health/ready over real HTTP: down while Kafka or the API is away, up again by itself. */
class ReadinessTest {
    private static final String DS = "dsReady";
    private static final String READY = "/observe/health/ready";
    private static final String LAST_SUCCESS = "modelarts_task_events_last_successful_cycle_timestamp_seconds";
    private static final String FAILED_CYCLES = "modelarts_task_events_consecutive_failed_cycles";

    @Test
    void givenKafkaStopped_whenAnEventWaits_thenNotReadyWithAReason_andReadyAgainWhenKafkaReturns()
            throws Exception {
        try (KafkaProcess kafka = new KafkaProcess();
             Pipeline pipeline = new Pipeline().with("kafka.bootstrap.servers", kafka.bootstrapServers())
                     // a send to a missing broker fails after a second or two, not the default 5 to 15
                     .with("camel.component.kafka.max-block-ms", "1500")
                     .with("camel.component.kafka.delivery-timeout-ms", "3000")
                     .with("camel.component.kafka.request-timeout-ms", "1000")
                     .watching(DS + "/k")) {
            kafka.start();
            pipeline.simulator().putTask(DS, task("k", 0, "ModelArts.4914"));
            pipeline.start();
            ManagementClient management = pipeline.management();
            try (TopicReader reader = pipeline.reader()) {
                pipeline.poll();
                reader.await(1, r -> true);
            }
            assertThat(management.get(READY).status()).isEqualTo(200);

            kafka.kill();
            pipeline.simulator().updateTask(DS, "k", Map.of("status", 1, "code", "ModelArts.4902"));
            pipeline.poll();

            // Camel's check of the watch-request consumer may go down first; ours follows the failed send
            Answer down = awaitReady(management, answer -> answer.status() == 503
                    && answer.body().contains("\"name\":\"kafka\""));
            assertThat(down.json().get("status").asText()).isEqualTo("DOWN");
            assertThat(check(down.json(), "kafka").get("message").asText())
                    .startsWith("Kafka did not acknowledge event ").contains(" to " + pipeline.topics().progress() + " (")
                    .endsWith("(tasks held back: 1, outbox backlog: 1)");
            assertThat(management.get("/observe/health/live").status()).isEqualTo(200);

            kafka.start();
            Answer up = awaitReady(management, answer -> answer.status() == 200);
            assertThat(up.json().get("status").asText()).isEqualTo("UP");
            assertThat(pipeline.application().store().backlog()).isZero();
        }
    }

    @Test
    void givenTheApiFailingEveryPoll_whenTheConfiguredCyclesPass_thenNotReady_andReadyAfterAnAnsweredCycle()
            throws Exception {
        try (Pipeline pipeline = new Pipeline().watching(DS + "/a", DS + "/b")) {
            pipeline.simulator().putTask(DS, task("a", 1, "ModelArts.4902"));
            pipeline.simulator().putTask(DS, task("b", 1, "ModelArts.4902"));
            pipeline.with("http.retries", "0").with("ready.api.failure.cycles", "2").start();
            ManagementClient management = pipeline.management();
            pipeline.simulator().injectGlobalFault(Fault.error(503, "ModelArts.4700", "Service unavailable"));

            pipeline.poll();
            assertThat(management.get(READY).status()).as("one failed cycle is below the bound").isEqualTo(200);
            pipeline.poll();

            Answer down = management.get(READY);
            assertThat(down.status()).isEqualTo(503);
            assertThat(check(down.json(), "modelarts-api").get("message").asText())
                    .contains("The ModelArts API answered none of the polls of the last 2 cycles");
            assertThat(management.get("/observe/health/live").status()).isEqualTo(200);

            pipeline.simulator().clearFaults();
            pipeline.poll();
            assertThat(management.get(READY).status()).isEqualTo(200);
        }
    }

    @Test
    void givenDiscoveryOnly_whenEveryListCallFails_thenNotReadyAfterTheConfiguredCycles_andTheLastSuccessStays()
            throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-27T09:00:00Z"));
        try (Pipeline pipeline = new Pipeline().with("modelarts.datasets", DS).clock(clock)) {
            // a finished task: listed, but nothing to GET in the cycles after
            pipeline.simulator().putTask(DS, task("done", 3, "ModelArts.4996"));
            pipeline.with("http.retries", "0").with("ready.api.failure.cycles", "2").start();
            ManagementClient management = pipeline.management();
            pipeline.poll();
            double listedAt = clock.millis() / 1000.0;
            assertThat(management.metrics().value(LAST_SUCCESS)).isEqualTo(listedAt);
            pipeline.simulator().injectFault(RequestKind.TASK_LIST,
                    Fault.error(503, "ModelArts.4700", "Service unavailable"));

            clock.advance(Duration.ofMinutes(1));
            pipeline.poll();
            assertThat(management.get(READY).status()).as("one failed cycle is below the bound").isEqualTo(200);
            clock.advance(Duration.ofMinutes(1));
            pipeline.poll();

            Answer down = management.get(READY);
            assertThat(down.status()).isEqualTo(503);
            assertThat(check(down.json(), "modelarts-api").get("message").asText()).contains("last 2 cycles");
            assertThat(management.metrics().value(LAST_SUCCESS)).isEqualTo(listedAt);
            assertThat(management.metrics().value(FAILED_CYCLES)).isEqualTo(2);

            pipeline.simulator().clearFaults();
            clock.advance(Duration.ofMinutes(1));
            pipeline.poll();
            assertThat(management.get(READY).status()).isEqualTo(200);
            assertThat(management.metrics().value(LAST_SUCCESS)).isEqualTo(clock.millis() / 1000.0);
        }
    }

    @Test
    void givenEveryPollDeferredByTheBudget_whenTheConfiguredCyclesPass_thenNotReady_andNoCycleCountsAsSuccessful()
            throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-27T09:00:00Z"));
        AtomicBoolean slowLists = new AtomicBoolean(true);
        // to the application, each list call takes longer than the whole cycle budget
        RequestGate listCallsTakeTheBudget = (method, uri, headers, body) -> {
            if (slowLists.get() && uri.getPath().endsWith("/tasks")) {
                clock.advance(Duration.ofSeconds(2));
            }
            return Optional.empty();
        };
        try (Pipeline pipeline = new Pipeline(listCallsTakeTheBudget).with("modelarts.datasets", DS)
                .watching("dsStatic/a").clock(clock)) {
            pipeline.simulator().putTask("dsStatic", task("a", 1, "ModelArts.4902"));
            pipeline.with("poll.cycle.budget.ms", "1500").with("ready.api.failure.cycles", "2").start();
            ManagementClient management = pipeline.management();

            pipeline.poll();
            pipeline.poll();

            assertThat(pipeline.simulator().taskRequestCount("dsStatic", "a")).as("every poll deferred").isZero();
            Answer down = management.get(READY);
            assertThat(down.status()).isEqualTo(503);
            assertThat(check(down.json(), "modelarts-api").get("message").asText()).contains("last 2 cycles");
            assertThat(management.metrics().value(LAST_SUCCESS)).isZero();

            slowLists.set(false);
            pipeline.poll();
            assertThat(pipeline.simulator().taskRequestCount("dsStatic", "a")).isEqualTo(1);
            assertThat(management.get(READY).status()).isEqualTo(200);
            assertThat(management.metrics().value(LAST_SUCCESS)).isEqualTo(clock.millis() / 1000.0);
        }
    }

    private static Answer awaitReady(ManagementClient management, Predicate<Answer> condition) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> management.get(READY), condition);
    }

    private static JsonNode check(JsonNode health, String name) {
        for (JsonNode check : health.get("checks")) {
            if (check.get("name").asText().equals(name)) {
                return check;
            }
        }
        throw new AssertionError("no check " + name + " in " + health);
    }
}
