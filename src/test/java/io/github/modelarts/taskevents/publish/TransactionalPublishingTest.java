package io.github.modelarts.taskevents.publish;

import static io.github.modelarts.taskevents.testsupport.TaskBodies.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.modelarts.taskevents.event.TaskEvent;
import io.github.modelarts.taskevents.event.UnpublishableEvents;
import io.github.modelarts.taskevents.state.Database;
import io.github.modelarts.taskevents.state.OutboxRecord;
import io.github.modelarts.taskevents.state.StateStore;
import io.github.modelarts.taskevents.testsupport.EventSchemas;
import io.github.modelarts.taskevents.testsupport.Pipeline;
import io.github.modelarts.taskevents.testsupport.SharedKafka;
import io.github.modelarts.taskevents.testsupport.TopicReader;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The publisher's Kafka transactions: its producer's effective settings, its commit log, and fencing. */
class TransactionalPublishingTest {
    private static final String DS = "ds-tx";

    @Test
    void givenTheService_whenItPublishes_thenItsProducerIsTransactional_andEachTransactionNamesItsRows()
            throws Exception {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        // Kafka logs every client's effective configuration through AbstractConfig's logger
        Logger producerConfig = (Logger) LoggerFactory.getLogger(AbstractConfig.class);
        logs.start();
        producerConfig.addAppender(logs);
        producerConfig.setLevel(Level.INFO);
        try (Pipeline pipeline = new Pipeline().watching(DS + "/a", DS + "/b")) {
            pipeline.simulator().putTask(DS, task("a", 3, "ModelArts.4996"));
            pipeline.simulator().putTask(DS, task("b", 1, "ModelArts.4902"));
            pipeline.start();
            pipeline.poll();
            try (TopicReader reader = pipeline.reader()) {
                reader.await(2, r -> true);
            }
            // what Kafka's client itself says it runs with, whatever the code meant to set
            String effective = logs.list.stream().map(ILoggingEvent::getFormattedMessage)
                    .filter(line -> line.contains("transactional.id = " + clusterName(pipeline) + "-"))
                    .findFirst().orElseThrow();
            assertThat(effective).contains("acks = -1", "enable.idempotence = true",
                    "transactional.id = " + clusterName(pipeline) + "-" + Pipeline.PROJECT, "linger.ms = 5",
                    "compression.type = lz4", "max.request.size = 1048576");

            String commits = pipeline.environment().get("TOPIC_OUTBOX_COMMITS");
            assertThat(cleanupPolicy(commits)).isEqualTo("compact");
            List<ConsumerRecord<String, String>> logged = readAll(commits, 1);
            assertThat(logged).isNotEmpty().allSatisfy(record -> {
                assertThat(record.key()).isEqualTo(clusterName(pipeline) + "-" + Pipeline.PROJECT);
                assertThat(EventSchemas.violations(TaskEvent.SCHEMA_BASE + "outbox-commit.json", record.value()))
                        .isEmpty();
            });
            List<Long> rows = new ArrayList<>();
            logged.forEach(record -> rows.addAll(CommitLog.decode(commits, record.value())));
            assertThat(rows).containsExactly(1L, 2L);
            assertThat(pipeline.application().store().backlog()).isZero();
        } finally {
            producerConfig.detachAppender(logs);
            producerConfig.setLevel(null);
        }
    }

    @Test
    void givenAPublishPeriodOfAnHour_whenACycleRecordsMoreThanABatch_thenTheRecorderAndEachBatchWakeThePublisher()
            throws Exception {
        List<String> tasks = IntStream.range(0, 1100).mapToObj(i -> "t" + i).toList();
        try (Pipeline pipeline = new Pipeline().with("outbox.publish.period.ms", "3600000")
                .watching(tasks.stream().map(id -> DS + "/" + id).toArray(String[]::new))) {
            tasks.forEach(id -> pipeline.simulator().putTask(DS, task(id, 1, "ModelArts.4902")));
            pipeline.start();
            try (TopicReader reader = pipeline.reader()) {
                pipeline.poll();
                // 1000 in the first batch, woken by the recorder; the rest in the next, woken by the first
                reader.await(tasks.size(), r -> true);
                assertThat(reader.all()).hasSize(tasks.size());
            }
        }
    }

    @Test
    void givenTwoPublishersOfOneTransactionalId_whenTheSecondOpens_thenItFindsTheFirstsLastRows_andFencesIt()
            throws Exception {
        String id = "fence-" + UUID.randomUUID();
        String topic = id + ".events";
        String commits = id + ".commits";
        try (TransactionalSender first = sender(id, commits); TransactionalSender second = sender(id, commits)) {
            assertThat(first.open()).isEmpty();
            assertThat(first.send(List.of(record(1, topic, "a"), record(2, topic, "b"))).committed()).hasSize(2);

            assertThat(second.open()).as("the rows of the first's last transaction").containsExactly(1L, 2L);
            TransactionResult zombie = first.send(List.of(record(3, topic, "c")));
            assertThat(zombie.committed()).isEmpty();
            assertThat(zombie.failure()).isInstanceOf(ProducerFencedException.class);
            assertThat(second.send(List.of(record(4, topic, "d"))).committed()).hasSize(1);

            assertThat(readAll(topic, 3)).extracting(ConsumerRecord::key).containsExactly("a", "b", "d");
        }
    }

    @Test
    void givenAFencedPublisher_whenItsTransactionFails_thenItHoldsBackAndReportsNoneOfItsRecords() throws Exception {
        String id = "fenced-" + UUID.randomUUID();
        String topic = id + ".events";
        List<String> heard = new ArrayList<>();
        try (Pipeline pipeline = new Pipeline(); Database database = pipeline.openDatabase();
             TransactionalSender zombie = sender(id, id + ".commits");
             TransactionalSender successor = sender(id, id + ".commits")) {
            OutboxPublisher publisher = new OutboxPublisher(new StateStore(database), zombie, PublishPermit.ALWAYS,
                    listener(heard), new UnpublishableEvents(Pipeline.PROJECT, id + ".errors", Clock.systemUTC()));
            zombie.open();
            successor.open();
            TransactionResult fenced = zombie.send(List.of(record(1, topic, "a"), record(2, topic, "b")));
            assertThat(fenced.failure()).isInstanceOf(ProducerFencedException.class);
            assertThat(fenced.refused()).as("each record fails with the transaction").isNotEmpty();

            publisher.settle(fenced);

            // the successor sends them: held back here, this node's readiness would wait for them for good
            assertThat(heard).containsExactly("transactions failing");
        }
    }

    @Test
    void givenSequenceNumbers_whenLogged_thenTheyAreRangesOfExactlyThoseRows() {
        String value = CommitLog.encode(List.of(3L, 4L, 5L, 7L, 9L, 10L));
        assertThat(value).isEqualTo("{\"seqs\":[[3,5],[7,7],[9,10]]}");
        assertThat(CommitLog.decode("t", value)).containsExactly(3L, 4L, 5L, 7L, 9L, 10L);
    }

    private static TransactionalSender sender(String transactionalId, String commits) {
        Map<String, Object> client = new HashMap<>();
        client.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers());
        client.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        return new TransactionalSender(client, Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId),
                commits);
    }

    /** What the publisher tells the metrics and the readiness check, one line each. */
    private static PublishListener listener(List<String> heard) {
        return new PublishListener() {
            @Override
            public void published(OutboxRecord record) {
                heard.add("published " + record.key());
            }

            @Override
            public void refusedForNow(OutboxRecord record, String cause) {
                heard.add("refused for now " + record.key());
            }

            @Override
            public void parked(OutboxRecord record, String reason, String cause) {
                heard.add("parked " + record.key());
            }

            @Override
            public void transactionsFailing(String cause) {
                heard.add("transactions failing");
            }

            @Override
            public void standingBy() {
                heard.add("standing by");
            }
        };
    }

    private static OutboxRecord record(long seq, String topic, String key) {
        return new OutboxRecord(seq, "id-" + seq, topic, key, Map.of("ce_type", "modelarts.task.progress"),
                "{\"seq\":" + seq + "}");
    }

    private static String clusterName(Pipeline pipeline) {
        return pipeline.environment().get("CLUSTER_NAME");
    }

    private static String cleanupPolicy(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedKafka.bootstrapServers()))) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin.describeConfigs(List.of(resource)).all().get(10, TimeUnit.SECONDS).get(resource);
            return config.get("cleanup.policy").value();
        }
    }

    /** What a read_committed consumer gets of {@code topic}: at least {@code count} records, and none follows. */
    private static List<ConsumerRecord<String, String>> readAll(String topic, int count) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.GROUP_ID_CONFIG, "commits-" + UUID.randomUUID());
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= count;
            });
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return true;
            });
        }
        return records;
    }
}
