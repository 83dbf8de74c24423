package io.github.modelarts.taskevents.observe;

import static io.github.modelarts.taskevents.testsupport.TaskBodies.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.modelarts.taskevents.simulator.Fault;
import io.github.modelarts.taskevents.testsupport.KafkaProcess;
import io.github.modelarts.taskevents.testsupport.ManagementClient;
import io.github.modelarts.taskevents.testsupport.ManagementClient.Answer;
import io.github.modelarts.taskevents.testsupport.Pipeline;
import io.github.modelarts.taskevents.testsupport.TopicReader;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** /observe/health/ready over real HTTP: down while Kafka or the API is away, up again by itself. */
class ReadinessTest {
    private static final String DS = "dsReady";
    private static final String READY = "/observe/health/ready";

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
                    .contains("Every poll of the ModelArts API failed in the last 2 cycles");
            assertThat(management.get("/observe/health/live").status()).isEqualTo(200);

            pipeline.simulator().clearFaults();
            pipeline.poll();
            assertThat(management.get(READY).status()).isEqualTo(200);
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
