package io.github.modelarts.taskevents.replay;

import io.github.modelarts.taskevents.config.ReplaySettings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends retained events as the service's publisher sent them: the same topic, and the key, headers and value as the
 * same bytes. The service's camel-kafka writes key and value with Kafka's StringSerializer (UTF-8) and each header
 * value as its String's bytes; the header values are IDs, times and types (ASCII), the same bytes in UTF-8 whatever
 * the JVM's charset. Idempotent and {@code acks=all}, as the service's producer.
 */
final class ReplayProducer implements AutoCloseable {
    /**
     * The service hands the headers to Camel, whose message keeps them in a case-insensitive sorted map, so they reach
     * Kafka in that order; a replay keeps it.
     */
    private static final Comparator<String> CAMEL_HEADER_ORDER = String.CASE_INSENSITIVE_ORDER;

    private final KafkaProducer<byte[], byte[]> producer;

    ReplayProducer(ReplaySettings settings) {
        Map<String, Object> config = new HashMap<>(settings.kafkaClient());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "modelarts-task-events-replay");
        this.producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Sends every event in order and returns once Kafka has acknowledged each; throws on the first it refused. */
    void sendAll(List<RetainedEvent> events) {
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (RetainedEvent event : events) {
            acks.add(producer.send(record(event)));
        }
        producer.flush();
        for (int i = 0; i < acks.size(); i++) {
            try {
                acks.get(i).get();
            } catch (ExecutionException e) {
                RetainedEvent event = events.get(i);
                throw new IllegalStateException("Kafka refused event " + event.ceId() + " to " + event.topic() + ": "
                        + e.getCause().getMessage(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for Kafka's acknowledgements", e);
            }
        }
    }

    private static ProducerRecord<byte[], byte[]> record(RetainedEvent event) {
        List<Header> headers = event.headers().entrySet().stream()
                .sorted(Map.Entry.comparingByKey(CAMEL_HEADER_ORDER))
                .<Header>map(h -> new RecordHeader(h.getKey(), utf8(h.getValue())))
                .toList();
        return new ProducerRecord<>(event.topic(), null, utf8(event.key()), utf8(event.value()), headers);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close();
    }
}
