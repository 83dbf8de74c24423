package io.github.modelarts.taskevents.publish;

import io.github.modelarts.taskevents.state.OutboxRecord;
import io.github.modelarts.taskevents.state.StateStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publish stage, used by the {@code publish-outbox} route: hands recorded events to Kafka in the
 * order they were recorded, marks each one once Kafka has acknowledged it, and backs off while Kafka is
 * unreachable so an outage costs one warning, not a log flood.
 */
public final class OutboxPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxPublisher.class);
    private static final Logger EVENTS = LoggerFactory.getLogger("modelarts.events");
    private static final String RECORD = "outboxRecord";
    private static final String ACKNOWLEDGED = "outboxAcknowledged";
    /** The exchange variable the route's {@code toD} takes the record's topic from. */
    private static final String TOPIC = "outboxTopic";
    private static final int BATCH = 500;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final StateStore store;
    private final PublishListener listener;
    private volatile long retryAtNanos = System.nanoTime();
    private volatile Duration backoff = Duration.ZERO;

    public OutboxPublisher(StateStore store, PublishListener listener) {
        this.store = store;
        this.listener = listener;
    }

    /** The next events to send, oldest first; none while backing off after a failed send. */
    public List<OutboxRecord> pending(Exchange exchange) {
        // the split's copies of this exchange share the list: each adds its record once Kafka has acknowledged it
        exchange.setProperty(ACKNOWLEDGED, new ArrayList<Long>());
        if (System.nanoTime() - retryAtNanos < 0) {
            return List.of();
        }
        return store.pending(BATCH, Set.of());
    }

    /**
     * Turns a record into the Kafka message: exactly its key and CloudEvents headers; its topic goes in a variable,
     * which the route sends to and which, unlike a header, never reaches Kafka.
     */
    public void toKafkaMessage(Exchange exchange) {
        OutboxRecord record = exchange.getMessage().getBody(OutboxRecord.class);
        Message message = exchange.getMessage();
        message.getHeaders().clear();
        record.headers().forEach(message::setHeader);
        message.setHeader(KafkaConstants.KEY, record.key());
        message.setBody(record.value());
        exchange.setVariable(TOPIC, record.topic());
        exchange.setProperty(RECORD, record);
    }

    /** Kafka acknowledged the record: it leaves the outbox with the rest of the batch, in {@link #markPublished}. */
    public void acknowledged(Exchange exchange) {
        OutboxRecord record = exchange.getProperty(RECORD, OutboxRecord.class);
        acknowledgedSeqs(exchange).add(record.seq());
        if (!backoff.isZero()) {
            LOG.info("Kafka is reachable again; publishing the recorded events");
            backoff = Duration.ZERO;
        }
        listener.published(record);
        String reason = record.errorReason();
        EVENTS.info("published {} {} task={} ce_id={}{}", record.headers().get("ce_type"), record.topic(),
                record.key(), record.ceId(), reason == null ? "" : " reason=" + reason);
    }

    /**
     * After a batch, sent whole or in part: its acknowledged records leave the outbox in one transaction, as a
     * commit per record cost more than the send itself.
     */
    public void markPublished(Exchange exchange) {
        List<Long> seqs = acknowledgedSeqs(exchange);
        if (!seqs.isEmpty()) {
            store.markPublished(seqs);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Long> acknowledgedSeqs(Exchange exchange) {
        return exchange.getProperty(ACKNOWLEDGED, List.class);
    }

    /** A send failed: the record stays in the outbox and is sent again after a growing pause. */
    public void sendFailed(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        listener.sendFailed();
        if (backoff.isZero()) {
            LOG.warn("Kafka did not acknowledge an event; keeping it and the events after it in the outbox: {}",
                    rootMessage(cause));
            backoff = Duration.ofSeconds(1);
        } else {
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
        retryAtNanos = System.nanoTime() + backoff.toNanos();
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root != null && root.getCause() != null) {
            root = root.getCause();
        }
        return root == null ? "unknown cause" : root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
