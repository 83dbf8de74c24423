package io.github.modelarts.taskevents.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads topics as they fill, in a thread of its own, and notes when each record key first arrived on the
 * detection topic: the end of a detection, as a consumer experiences it.
 */
final class Arrivals implements AutoCloseable {
    /** A run that forgets to close this still ends its thread. */
    private static final Duration MAX_LIFETIME = Duration.ofMinutes(20);

    private final String detectionTopic;
    private final KafkaConsumer<String, String> consumer;
    private final Map<String, Long> firstArrival = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final Map<String, Long> lastArrival = new ConcurrentHashMap<>();
    private final Thread reader;
    private volatile boolean running = true;

    /** Creates the topics (one partition each) and starts reading them from the beginning. */
    Arrivals(String bootstrapServers, String detectionTopic, List<String> otherTopics) throws Exception {
        this.detectionTopic = detectionTopic;
        List<String> topics = new ArrayList<>(otherTopics);
        topics.add(detectionTopic);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(topics.stream().map(t -> new NewTopic(t, 1, (short) 1)).toList()).all().get();
        }
        topics.forEach(topic -> counts.put(topic, new LongAdder()));
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        // the publisher writes in transactions: only committed events count
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
        consumer.assign(topics.stream().map(topic -> new TopicPartition(topic, 0)).toList());
        reader = new Thread(this::read, "bench-arrivals");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        long endAt = System.nanoTime() + MAX_LIFETIME.toNanos();
        try {
            while (running && System.nanoTime() - endAt < 0) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(50))) {
                    long now = System.nanoTime();
                    counts.get(record.topic()).increment();
                    lastArrival.put(record.topic(), now);
                    if (record.topic().equals(detectionTopic)) {
                        firstArrival.putIfAbsent(record.key(), now);
                    }
                }
            }
        } finally {
            consumer.close();
        }
    }

    long count(String topic) {
        return counts.get(topic).sum();
    }

    /** When the latest record on {@code topic} arrived, on {@link System#nanoTime()}; 0 before the first. */
    long lastArrivalNanos(String topic) {
        return lastArrival.getOrDefault(topic, 0L);
    }

    /** When a record keyed {@code key} first arrived on the detection topic, if it has. */
    Long arrivalNanos(String key) {
        return firstArrival.get(key);
    }

    int detected() {
        return firstArrival.size();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        reader.join(Duration.ofSeconds(10).toMillis());
    }
}
