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
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads what really landed on Kafka topics, from the beginning, as a consumer would. */
public final class TopicReader implements AutoCloseable {

    /** A record as a consumer sees it: topic, key, every header, value, and the time the producer sent it. */
    public record Received(String topic, String key, Map<String, String> headers, String value, long timestamp) {
        public String header(String name) {
            return headers.get(name);
        }
    }

    private final KafkaConsumer<String, String> consumer;
    private final List<Received> received = new ArrayList<>();

    /** Creates the topics if needed and reads them without a consumer group, so no rebalance delays a test. */
    public TopicReader(String bootstrapServers, String... topics) {
        createTopics(bootstrapServers, List.of(topics));
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
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
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            pollOnce();
            return matching(filter).size() >= count;
        });
        return matching(filter);
    }

    public List<Received> awaitOnTopic(String topic, int count) {
        return await(count, r -> r.topic().equals(topic));
    }

    /** Everything received so far, after one more short poll. */
    public List<Received> all() {
        pollOnce();
        return List.copyOf(received);
    }

    /**
     * Everything on the topics up to the end offsets they have now: for asserting that something is not there, or
     * is there only once, without waiting a guessed time.
     */
    public List<Received> toEnd() {
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
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
            received.add(new Received(record.topic(), record.key(), headers, record.value(), record.timestamp()));
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
