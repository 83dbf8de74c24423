package io.github.modelarts.taskevents.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The compacted topic on which every transaction of the publisher also records exactly which outbox rows it holds,
 * keyed by the transactional id. A row's sequence number is not a safe high-water mark (database transactions commit
 * out of order), so the record names the rows, as ranges: {@code {"seqs":[[1,40],[42,42]]}}.
 *
 * <p>A publisher marks the rows of each committed transaction before it begins the next, so at most the last record
 * of its key names rows not marked yet: after a crash or a takeover the new publisher reads that record, with
 * {@code read_committed} and once its own {@code initTransactions} has completed or aborted whatever the earlier one
 * left open, and marks those rows before it sends anything.
 */
final class CommitLog {
    private static final Logger LOG = LoggerFactory.getLogger(CommitLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(200);

    private final String topic;
    private final String key;

    CommitLog(String topic, String transactionalId) {
        this.topic = topic;
        this.key = transactionalId;
    }

    String topic() {
        return topic;
    }

    /** The record of a transaction holding the rows {@code seqs} (ascending). */
    ProducerRecord<String, String> entry(List<Long> seqs) {
        return new ProducerRecord<>(topic, key, encode(seqs));
    }

    /**
     * Creates the topic, compacted, when it does not exist; a cluster that lets this client create no topic may have
     * it created by an operator (docs/cluster.md) or, uncompacted, on first use.
     */
    void ensureTopic(Map<String, Object> client, Duration timeout) {
        try (Admin admin = Admin.create(client)) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.empty())
                            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                    .all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("Created the compacted topic {} of the publisher's transactions", topic);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                LOG.warn("Cannot create the topic {} of the publisher's transactions ({}); create it compacted, or"
                        + " Kafka creates it on first use if it may", topic, e.getCause().toString());
            }
        } catch (TimeoutException e) {
            throw new KafkaException("Kafka did not answer within " + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while creating " + topic, e);
        }
    }

    /**
     * The rows of the last committed transaction of this key, read to the end of the topic; empty when there is none.
     * Throws when Kafka does not let it read to the end within {@code timeout}.
     */
    List<Long> lastCommitted(Map<String, Object> client, Duration timeout) {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            String last = null;
            while (partitions.stream().anyMatch(p -> consumer.position(p, timeout) < end.get(p))) {
                if (System.nanoTime() - deadline > 0) {
                    throw new KafkaException("Cannot read " + topic + " to its end within " + timeout.toMillis()
                            + " ms");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                    if (key.equals(record.key())) {
                        last = record.value();
                    }
                }
            }
            return last == null ? List.of() : decode(topic, last);
        }
    }

    static String encode(List<Long> seqs) {
        ObjectNode value = JSON.createObjectNode();
        ArrayNode ranges = value.putArray("seqs");
        for (int i = 0; i < seqs.size(); ) {
            int j = i;
            while (j + 1 < seqs.size() && seqs.get(j + 1) == seqs.get(j) + 1) {
                j++;
            }
            ranges.addArray().add(seqs.get(i)).add(seqs.get(j));
            i = j + 1;
        }
        return value.toString();
    }

    static List<Long> decode(String topic, String value) {
        try {
            List<Long> seqs = new ArrayList<>();
            for (JsonNode range : JSON.readTree(value).get("seqs")) {
                for (long seq = range.get(0).asLong(); seq <= range.get(1).asLong(); seq++) {
                    seqs.add(seq);
                }
            }
            return seqs;
        } catch (Exception e) {
            // written only by this publisher; another writer on the topic would make every recovery unsafe
            throw new IllegalStateException("The record of the last transaction on " + topic + " is not one this"
                    + " publisher writes", e);
        }
    }
}
