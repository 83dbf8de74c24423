package io.github.modelarts.taskevents.replay;

import io.github.modelarts.taskevents.config.Topics;
import io.github.modelarts.taskevents.testsupport.SharedKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.Awaitility;

/**
 * A record as Kafka holds it: every byte of key, headers (in their order) and value, in Base64 so that records
 * compare by value.
 */
record Wire(String topic, String key, List<String> headers, String value) {

    String ceId() {
        return header("ce_id");
    }

    String header(String name) {
        return headers.stream().filter(h -> h.startsWith(name + "=")).findFirst()
                .map(h -> text(h.substring(name.length() + 1))).orElseThrow();
    }

    String keyText() {
        return text(key);
    }

    /** Every record on the event topics, read with a raw byte consumer: by topic, each in offset order. */
    static Map<String, List<Wire>> onTopics(Topics topics) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers());
        // the publisher writes in transactions: only committed events count
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, List<Wire>> records = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = List.of(topics.completed(), topics.failed(), topics.progress(),
                    topics.errors()).stream().map(topic -> new TopicPartition(topic, 0)).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            partitions.forEach(partition -> records.put(partition.topic(), new ArrayList<>()));
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).until(() -> {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    records.get(record.topic()).add(of(record));
                }
                return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
            });
            consumer.close(CloseOptions.timeout(Duration.ZERO));
        }
        return records;
    }

    /** The records on the topics now that were not there {@code before}. */
    static List<Wire> addedSince(Map<String, List<Wire>> before, Topics topics) {
        List<Wire> added = new ArrayList<>();
        onTopics(topics).forEach((topic, records) -> added.addAll(records.subList(before.get(topic).size(),
                records.size())));
        return added;
    }

    private static Wire of(ConsumerRecord<byte[], byte[]> record) {
        Base64.Encoder base64 = Base64.getEncoder();
        List<String> headers = new ArrayList<>();
        for (Header header : record.headers()) {
            headers.add(header.key() + "=" + base64.encodeToString(header.value()));
        }
        return new Wire(record.topic(), base64.encodeToString(record.key()), headers,
                base64.encodeToString(record.value()));
    }

    private static String text(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
