package io.github.modelarts.taskevents.testsupport;

import org.awaitility.Awaitility;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads what really landed on Kafka topics, from the beginning, as a consumer would, and checks every record's value
 * against the schema its {@code ce_dataschema} names (docs/schemas/), failing the test on the first that does not
 * conform.
 */
public final class TopicReader implements AutoCloseable {

    /** A record as a consumer sees it: topic, key, every header, value, and the time the producer sent it. */
    public record Received(String topic, String key, Map<String, String> headers, String value, long timestamp) {
        public String header(String name) {
            return headers.get(name);
        }
    }

    private final KafkaConsumer<String, String> consumer;
    private final List<Received> received = new ArrayList<>();

    /**
     * Creates the topics if needed and reads them without a consumer group, so no rebalance delays a test; as
     * consumers are told to (docs/cluster.md), {@code read_committed}: a transactional publisher's aborted records
     * never show.
     */
    public TopicReader(String bootstrapServers, String... topics) {
        this("read_committed", bootstrapServers, topics);
    }

    /** A reader that also sees the records of open and aborted transactions, as Kafka's default consumer does. */
    public static TopicReader uncommitted(String bootstrapServers, String... topics) {
        return new TopicReader("read_uncommitted", bootstrapServers, topics);
    }

    private TopicReader(String isolation, String bootstrapServers, String... topics) {
        createTopics(bootstrapServers, List.of(topics));
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = Stream.of(topics).map(topic -> new TopicPartition(topic, 0)).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    private static void createTopics(String bootstrapServers, List<String> topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = topics.stream().filter(topic -> !existing.contains(topic))
                    .map(topic -> new NewTopic(topic, 1, (short) 1)).toList();
            admin.createTopics(missing).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Cannot create test topics", e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until at least {@code count} records matching {@code filter} have arrived, then returns them. */
    public List<Received> await(int count, Predicate<Received> filter) {
        // at once and then every 50 ms, not after Awaitility's 100 ms: tests chain many of these
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    pollOnce();
                    return matching(filter).size() >= count;
                });
        return matching(filter);
    }

    public List<Received> awaitOnTopic(String topic, int count) {
        return await(count, r -> r.topic().equals(topic));
    }

    /**
     * Everything on the topics now: read up to their end offsets, so that a check for "nothing twice" sees every
     * record the broker holds, not only those one short poll happened to fetch.
     */
    public List<Received> all() {
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ZERO)
                .until(() -> {
                    pollOnce();
                    return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
                });
        return List.copyOf(received);
    }

    private List<Received> matching(Predicate<Received> filter) {
        return received.stream().filter(filter).toList();
    }

    private void pollOnce() {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
            Map<String, String> headers = new LinkedHashMap<>();
            for (Header header : record.headers()) {
                headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
            Received event = new Received(record.topic(), record.key(), headers, record.value(), record.timestamp());
            conform(event, record.offset());
            received.add(event);
        }
    }

    private static void conform(Received event, long offset) {
        String schema = event.header("ce_dataschema");
        List<String> violations = schema == null ? List.of("no ce_dataschema header")
                : EventSchemas.violations(schema, event.value());
        if (!violations.isEmpty()) {
            throw new AssertionError("record " + event.topic() + "/0/" + offset + " (key " + event.key() + ", ce_type "
                    + event.header("ce_type") + ") does not conform to " + schema + ": " + violations
                    + "\nvalue: " + event.value());
        }
    }

    /** At once: without a group there is nothing to commit, only a fetch in flight to wait for. */
    @Override
    public void close() {
        consumer.close(CloseOptions.timeout(Duration.ZERO));
    }
}
