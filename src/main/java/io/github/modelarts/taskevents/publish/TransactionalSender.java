package io.github.modelarts.taskevents.publish;

import io.github.modelarts.taskevents.state.OutboxRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TransactionAbortedException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends a batch of outbox records to Kafka in one transaction, together with the {@link CommitLog} record naming
 * them: a {@code read_committed} consumer sees all of them or none. The transactional id is the cluster's, so opening
 * the producer fences any other producer of the id (a zombie node, a killed instance's transaction still open).
 *
 * <p>Kafka's clients, not camel-kafka: camel-kafka commits a transaction when the exchange's unit of work ends, after
 * the route's last step, and logs rather than raises a failed commit; the outbox must learn of the commit before it
 * marks a row.
 */
public final class TransactionalSender implements AutoCloseable {
    private final Map<String, Object> producerConfig;
    private final Map<String, Object> clientConfig;
    private final CommitLog commitLog;
    private final Duration timeout;
    private KafkaProducer<String, String> producer;
    /** Up to this outbox row, records go one per transaction (see {@link #send}); none before a first refusal. */
    private long isolateThrough = -1;

    /**
     * {@code client} holds the connection's properties (servers, security) and the producer's timeouts;
     * {@code producer} what only the producer takes (transactional id, batching, compression).
     */
    public TransactionalSender(Map<String, Object> client, Map<String, Object> producer, String commitsTopic) {
        this.clientConfig = connectionOnly(client);
        this.producerConfig = new LinkedHashMap<>(client);
        this.producerConfig.putAll(producer);
        this.producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.commitLog = new CommitLog(commitsTopic,
                String.valueOf(producerConfig.get(ProducerConfig.TRANSACTIONAL_ID_CONFIG)));
        this.timeout = Duration.ofMillis(Long.parseLong(String.valueOf(
                producerConfig.getOrDefault(ProducerConfig.MAX_BLOCK_MS_CONFIG, "60000"))));
    }

    boolean isOpen() {
        return producer != null;
    }

    /**
     * Opens the producer: fences any earlier producer of the transactional id, whose open transaction Kafka then
     * completes or aborts, and returns the rows of the last committed transaction, which may not be marked yet.
     */
    List<Long> open() {
        KafkaProducer<String, String> opened = new KafkaProducer<>(producerConfig, new StringSerializer(),
                new StringSerializer());
        try {
            opened.initTransactions();
            commitLog.ensureTopic(clientConfig, timeout);
            List<Long> committed = commitLog.lastCommitted(clientConfig, timeout);
            producer = opened;
            return committed;
        } catch (RuntimeException e) {
            opened.close(Duration.ZERO);
            throw e;
        }
    }

    /**
     * Sends {@code batch} (oldest first) in one transaction. The first record Kafka refuses aborts it: what was
     * sent before stays in the outbox for the next transaction, what would follow is not sent. Kafka fails every
     * record still queued behind a refused one with that same refusal, so when a transaction of several records
     * has more than one refused for good, none is blamed: its records are then sent one per transaction, where a
     * refusal can only be the record's own.
     */
    TransactionResult send(List<OutboxRecord> batch) {
        List<OutboxRecord> records = !batch.isEmpty() && batch.get(0).seq() <= isolateThrough
                ? batch.subList(0, 1) : batch;
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        Future<RecordMetadata> logged = null;
        KafkaException stopped = null;
        try {
            producer.beginTransaction();
            for (OutboxRecord record : records) {
                acks.add(producer.send(toKafka(record)));
            }
            logged = producer.send(commitLog.entry(records.stream().map(OutboxRecord::seq).toList()));
            producer.flush();
        } catch (KafkaException e) {
            // a refusal returned by one send (a record too large) makes the next send throw: the rest is not sent
            stopped = e;
        }
        Map<OutboxRecord, Throwable> refused = refusals(records, acks);
        if (stopped == null && refused.isEmpty()) {
            return commit(records, logged);
        }
        try {
            producer.abortTransaction();
        } catch (RuntimeException e) {
            // never committed, so Kafka aborts it in the end: the refusals stand
            close();
            return new TransactionResult(List.of(), refused, e);
        }
        if (refused.size() > 1 && refused.values().stream().anyMatch(e -> Refusals.forGood(e).isPresent())) {
            isolateThrough = records.get(records.size() - 1).seq();
            return TransactionResult.ofRefusals(Map.of());
        }
        return refused.isEmpty() ? fail(stopped) : TransactionResult.ofRefusals(refused);
    }

    private TransactionResult commit(List<OutboxRecord> records, Future<RecordMetadata> logged) {
        try {
            logged.get();
            producer.commitTransaction();
            return TransactionResult.ofCommit(records);
        } catch (ExecutionException e) {
            return fail(new KafkaException("Kafka refused the record of the transaction on " + commitLog.topic(),
                    e.getCause()));
        } catch (KafkaException e) {
            // committed or not: the next producer finds out in the commit log
            return fail(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail(new KafkaException("Interrupted before the commit", e));
        }
    }

    /** Each record's own refusal; a record failed only because the transaction was aborted has none. */
    private static Map<OutboxRecord, Throwable> refusals(List<OutboxRecord> records,
                                                         List<Future<RecordMetadata>> acks) {
        Map<OutboxRecord, Throwable> refused = new LinkedHashMap<>();
        for (int i = 0; i < acks.size(); i++) {
            try {
                acks.get(i).get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TransactionAbortedException)) {
                    refused.put(records.get(i), e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                refused.put(records.get(i), e);
            }
        }
        return refused;
    }

    /** The transaction itself failed: the producer is closed, and the next {@link #open} starts from the log. */
    private TransactionResult fail(Exception failure) {
        close();
        return TransactionResult.ofFailure(failure);
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    private static ProducerRecord<String, String> toKafka(OutboxRecord record) {
        List<Header> headers = record.headers().entrySet().stream()
                .sorted(Map.Entry.comparingByKey(String.CASE_INSENSITIVE_ORDER))
                .<Header>map(h -> new RecordHeader(h.getKey(), h.getValue().getBytes(StandardCharsets.UTF_8)))
                .toList();
        return new ProducerRecord<>(record.topic(), null, record.key(), record.value(), headers);
    }

    /** What an admin client and a consumer take of the producer's settings: the connection, not the sending. */
    private static Map<String, Object> connectionOnly(Map<String, Object> client) {
        Map<String, Object> connection = new LinkedHashMap<>();
        client.forEach((key, value) -> {
            if (key.equals(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG) || key.startsWith("security.")
                    || key.startsWith("sasl.") || key.startsWith("ssl.")
                    || key.equals(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG)) {
                connection.put(key, value);
            }
        });
        return connection;
    }
}
