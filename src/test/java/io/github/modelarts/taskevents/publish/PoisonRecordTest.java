package io.github.modelarts.taskevents.publish;

import static io.github.modelarts.taskevents.testsupport.TaskBodies.failed;
import static io.github.modelarts.taskevents.testsupport.TaskBodies.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.modelarts.taskevents.config.Topics;
import io.github.modelarts.taskevents.demo.EmbeddedKafka;
import io.github.modelarts.taskevents.task.model.TaskJson;
import io.github.modelarts.taskevents.testsupport.ManagementClient.Answer;
import io.github.modelarts.taskevents.testsupport.Pipeline;
import io.github.modelarts.taskevents.testsupport.PrometheusText;
import io.github.modelarts.taskevents.testsupport.SharedKafka;
import io.github.modelarts.taskevents.testsupport.TaskBodies;
import io.github.modelarts.taskevents.testsupport.TopicAdmin;
import io.github.modelarts.taskevents.testsupport.TopicReader;
import io.github.modelarts.taskevents.testsupport.TopicReader.Received;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/**
 * A record Kafka refuses, for good or for now, holds back neither the outbox nor other tasks' events: an oversized
 * event is cut to what the producer sends, one the topic still refuses is parked with an error event, and a record
 * Kafka refuses for now holds back only the later events of its own task.
 */
class PoisonRecordTest {
    private static final String DS = "dsPoison";
    private static final int DEFAULT_MAX_REQUEST_SIZE = 1_048_576;

    @Test
    void givenAFailedTaskWithA2MbErrorDetail_whenPolled_thenItsFailureIsPublishedCutAndMarked_andALaterCompletionToo()
            throws Exception {
        try (Pipeline pipeline = new Pipeline().with("max.response.bytes", String.valueOf(4 << 20))
                .watching(DS + "/huge", DS + "/later");
             TopicReader reader = pipeline.reader()) {
            // a log with line breaks and non-ASCII text: each is longer in the JSON value than in the string
            String detail = "Traceback: step ü failed\n".repeat(80_000);
            assertThat(detail.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(2_000_000);
            ObjectNode huge = failed("huge", "ModelArts.4909", "Failed to execute the training job.");
            huge.put("error_detail", detail);
            pipeline.simulator().putTask(DS, huge);
            pipeline.simulator().putTask(DS, task("later", 1, "ModelArts.4902"));
            pipeline.start();
            pipeline.poll();
            pipeline.simulator().putTask(DS, task("later", 3, "ModelArts.4996"));
            pipeline.poll();

            Received completion = reader.await(1, r -> r.topic().equals(pipeline.topics().completed())).get(0);
            assertThat(completion.key()).isEqualTo("later");
            Received failure = reader.awaitOnTopic(pipeline.topics().failed(), 1).get(0);
            assertThat(failure.value().getBytes(StandardCharsets.UTF_8).length)
                    .isLessThan(DEFAULT_MAX_REQUEST_SIZE).isGreaterThan(DEFAULT_MAX_REQUEST_SIZE - 16 * 1024);
            JsonNode value = json(failure);
            assertThat(value.get("truncated")).extracting(JsonNode::asText).containsExactly("error_detail");
            String cut = value.get("error_detail").asText();
            assertThat(cut).endsWith("…");
            assertThat(detail).startsWith(cut.substring(0, cut.length() - 1));
            assertThat(value.get("outcome").asText()).isEqualTo("FAILED");
            assertThat(value.get("error_code").asText()).isEqualTo("ModelArts.4909");
            assertThat(value.get("message").asText()).isEqualTo("message of huge");
            assertThat(value.get("result").get("total_sample_count").asInt()).isEqualTo(246);
            assertThat(pipeline.application().store().backlog()).isZero();
            assertThat(reader.all()).filteredOn(r -> r.topic().equals(pipeline.topics().errors())).isEmpty();
        }
    }

    @Test
    void givenATopicRefusingAnEventForItsSize_whenPublished_thenItIsParkedWithOneErrorEvent_andLaterEventsGoOn()
            throws Exception {
        try (Pipeline pipeline = new Pipeline().watching(DS + "/chatty", DS + "/other")) {
            TopicAdmin.create(SharedKafka.bootstrapServers(), pipeline.topics().progress(),
                    Map.of("max.message.bytes", "4096"));
            ObjectNode chatty = task("chatty", 1, "ModelArts.4902");
            // random, so that compression cannot bring the record under the topic's limit
            chatty.put("message", new BigInteger(120_000, new Random(7)).toString(36));
            pipeline.simulator().putTask(DS, chatty);
            pipeline.simulator().putTask(DS, task("other", 3, "ModelArts.4996"));
            pipeline.start();
            try (TopicReader reader = pipeline.reader()) {
                pipeline.poll();
                // the parked event's own task goes on too: its successor is not held behind it
                pipeline.simulator().putTask(DS, task("chatty", 3, "ModelArts.4996"));
                pipeline.poll();

                reader.await(2, r -> r.topic().equals(pipeline.topics().completed()));
                Received error = reader.awaitOnTopic(pipeline.topics().errors(), 1).get(0);
                assertThat(error.key()).isEqualTo("chatty");
                assertThat(error.header("ce_type")).isEqualTo("modelarts.task.error");
                assertThat(error.header("ce_subject")).isEqualTo("chatty");
                JsonNode value = json(error);
                assertThat(value.get("reason").asText()).isEqualTo("unpublishable-event");
                assertThat(value.get("parked_topic").asText()).isEqualTo(pipeline.topics().progress());
                assertThat(value.get("parked_ce_type").asText()).isEqualTo("modelarts.task.progress");
                assertThat(value.get("error_msg").asText()).startsWith("RecordTooLargeException: ");
                assertThat(error.value().length()).isLessThan(2048);
                String parkedId = value.get("parked_ce_id").asText();

                pipeline.poll();
                List<Received> all = reader.all();
                assertThat(all).filteredOn(r -> r.topic().equals(pipeline.topics().progress())).isEmpty();
                assertThat(all).filteredOn(r -> r.topic().equals(pipeline.topics().errors())).hasSize(1);
                assertThat(all).filteredOn(r -> r.topic().equals(pipeline.topics().completed()))
                        .extracting(Received::key).containsExactlyInAnyOrder("chatty", "other");
                assertThat(pipeline.application().store().backlog()).isZero();
                assertThat(pipeline.application().store().parked()).isEqualTo(1);

                PrometheusText metrics = pipeline.management().metrics();
                assertThat(metrics.value("modelarts_task_events_events_parked_total",
                        "reason", "RecordTooLargeException")).isEqualTo(1);
                assertThat(metrics.value("modelarts_task_events_outbox_parked_events")).isEqualTo(1);
                Answer ready = pipeline.management().get("/observe/health/ready?exposureLevel=full");
                assertThat(ready.status()).as("the parked event holds nothing back").isEqualTo(200);
                assertThat(ready.body()).contains("event " + parkedId + " to " + pipeline.topics().progress()
                        + " parked: RecordTooLargeException");
            }
        }
    }

    @Test
    void givenATopicBelowItsMinimumInSyncReplicas_whenPublished_thenEventsWaitForIt_andGoOutOnceInOrder()
            throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(2);
             Pipeline pipeline = new Pipeline().with("kafka.bootstrap.servers", kafka.bootstrapServers())
                     .watching(DS + "/held", DS + "/free")
                     // the failed task is seen again in the next cycle, with its new run
                     .with("terminal.recheck.cycles", "1")
                     // a refused send is given up after 3 s instead of 15, so the held event is retried within the test
                     .with("camel.component.kafka.delivery-timeout-ms", "3000")
                     .with("camel.component.kafka.request-timeout-ms", "1000")) {
            String servers = kafka.bootstrapServers();
            Topics topics = pipeline.topics();
            for (String topic : List.of(topics.completed(), topics.progress(), topics.errors(), topics.watch())) {
                TopicAdmin.create(servers, new NewTopic(topic, Map.of(0, List.of(0))));
            }
            // with its second replica gone, acks=all is refused for this topic alone: NOT_ENOUGH_REPLICAS, retriable
            TopicAdmin.create(servers, new NewTopic(topics.failed(), Map.of(0, List.of(0, 1)))
                    .configs(Map.of("min.insync.replicas", "2")));
            kafka.stopBroker(1);
            await().atMost(Duration.ofSeconds(30)).until(() -> TopicAdmin.inSyncReplicas(servers, topics.failed()),
                    isr -> isr == 1);
            pipeline.simulator().putTask(DS, task("held", 1, "ModelArts.4902"));
            pipeline.simulator().putTask(DS, task("free", 1, "ModelArts.4902"));
            pipeline.start();
            try (TopicReader reader = pipeline.reader()) {
                pipeline.poll();
                reader.await(2, r -> r.topic().equals(topics.progress()));
                pipeline.simulator().putTask(DS, failed("held", "ModelArts.4909", "Failed to execute the training job."));
                pipeline.poll();
                ObjectNode rerun = task("held", 1, "ModelArts.4902");
                rerun.put("create_time", "2026-11-28 08:00:00");
                pipeline.simulator().putTask(DS, rerun);
                pipeline.poll();
                pipeline.simulator().putTask(DS, task("free", 3, "ModelArts.4996"));
                pipeline.poll();

                // a transaction cannot end while one of its partitions takes no write, so nothing of it goes out, and
                // the later transactions wait for it: Kafka's price for all-or-nothing batches
                await().atMost(Duration.ofSeconds(30)).until(() -> pipeline.application().store().backlog(),
                        backlog -> backlog == 3);
                assertThat(reader.all()).extracting(Received::topic).containsOnly(topics.progress()).hasSize(2);

                TopicAdmin.alter(servers, topics.failed(), "min.insync.replicas", "1");
                Received newRun = awaitOne(reader, topics.progress(), "2026-11-28 08:00:00");
                Received failure = awaitOne(reader, topics.failed(), TaskBodies.CREATED);
                assertThat(failure.timestamp()).isLessThanOrEqualTo(newRun.timestamp());
                reader.await(1, r -> r.topic().equals(topics.completed()));
                List<Received> all = reader.all();
                assertThat(all).filteredOn(r -> r.key().equals("held")).hasSize(3);
                assertThat(all).filteredOn(r -> r.key().equals("free")).hasSize(2);
                assertThat(all).filteredOn(r -> r.topic().equals(topics.errors())).isEmpty();
                assertThat(pipeline.application().store().parked()).isZero();
            }
        }
    }

    /**
     * The one event of task held and run {@code createTime} on {@code topic}. A held event is retried after a pause
     * that grows to 30 s, so this waits longer than a reader does.
     */
    private static Received awaitOne(TopicReader reader, String topic, String createTime) {
        return await().atMost(Duration.ofSeconds(90)).until(() -> reader.all().stream()
                        .filter(r -> r.topic().equals(topic) && r.key().equals("held")
                                && json(r).get("create_time").asText().equals(createTime)).toList(),
                received -> received.size() == 1).get(0);
    }

    private static JsonNode json(Received record) {
        try {
            return TaskJson.MAPPER.readTree(record.value());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + record.value(), e);
        }
    }
}
