package io.github.modelarts.taskevents.testsupport;

import org.awaitility.Awaitility;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads what really landed on Kafka topics, from the beginning, as a consumer would. */
public final class TopicReader implements AutoCloseable {

    /** A record as a consumer sees it: topic, key, every header, value. */
    public record Received(String topic, String key, Map<String, String> headers, String value) {
        public String header(String name) {
            return headers.get(name);
        }
    }

    private final KafkaConsumer<String, String> consumer;
    private final List<Received> received = new ArrayList<>();

    public TopicReader(String bootstrapServers, String... topics) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topics));
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

    private List<Received> matching(Predicate<Received> filter) {
        return received.stream().filter(filter).toList();
    }

    private void pollOnce() {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
            Map<String, String> headers = new LinkedHashMap<>();
            for (Header header : record.headers()) {
                headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
            received.add(new Received(record.topic(), record.key(), headers, record.value()));
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
