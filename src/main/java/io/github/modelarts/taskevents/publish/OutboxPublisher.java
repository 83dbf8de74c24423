package io.github.modelarts.taskevents.publish;

import io.github.modelarts.taskevents.event.TaskEvent;
import io.github.modelarts.taskevents.event.UnpublishableEvents;
import io.github.modelarts.taskevents.state.OutboxRecord;
import io.github.modelarts.taskevents.state.StateStore;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publish stage, used by the {@code publish-outbox} route: hands recorded events to Kafka in the order they were
 * recorded and marks each one once Kafka has acknowledged it. Order is kept per key (task), not across keys: a record
 * Kafka refuses for now holds back the later records of its key only ({@link HeldKeys}); one it refuses for good
 * ({@link Refusals}) is parked with an error event and holds back nothing. When Kafka takes nothing at all, the
 * publisher waits for it, so an outage costs a warning or two, not a log flood.
 */
public final class OutboxPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxPublisher.class);
    private static final Logger EVENTS = LoggerFactory.getLogger("modelarts.events");
    private static final String RECORD = "outboxRecord";
    private static final String BATCH = "outboxBatch";
    /** The exchange variable the route's {@code toD} takes the record's topic from. */
    private static final String TOPIC = "outboxTopic";
    private static final int BATCH_SIZE = 500;

    private final StateStore store;
    private final PublishListener listener;
    private final UnpublishableEvents unpublishable;
    private final HeldKeys heldKeys = new HeldKeys();
    /** While Kafka is taken as away, no batch starts before this pause is over; null while Kafka takes records. */
    private volatile Pause kafkaAway;

    public OutboxPublisher(StateStore store, PublishListener listener, UnpublishableEvents unpublishable) {
        this.store = store;
        this.listener = listener;
        this.unpublishable = unpublishable;
    }

    /** The next events to send, oldest first, without those of held keys; none while Kafka is taken as away. */
    public List<OutboxRecord> pending(Exchange exchange) {
        exchange.setProperty(BATCH, new PublishBatch());
        Pause away = kafkaAway;
        if (away != null && !away.isOver()) {
            return List.of();
        }
        return store.pending(BATCH_SIZE, heldKeys.waiting());
    }

    /** Whether the record in the body may be sent now (see {@link PublishBatch#mayGo}). */
    public boolean mayGo(Exchange exchange) {
        return batch(exchange).mayGo(exchange.getMessage().getBody(OutboxRecord.class).key());
    }

    /**
     * Turns a record into the Kafka message: exactly its key and CloudEvents headers; its topic goes in a variable,
     * which the route sends to and which, unlike a header, never reaches Kafka.
     */
    public void toKafkaMessage(Exchange exchange) {
        OutboxRecord record = exchange.getMessage().getBody(OutboxRecord.class);
        exchange.setProperty(RECORD, record);
        Message message = exchange.getMessage();
        message.getHeaders().clear();
        record.headers().forEach(message::setHeader);
        message.setHeader(KafkaConstants.KEY, record.key());
        message.setBody(record.value());
        exchange.setVariable(TOPIC, record.topic());
    }

    /** Kafka acknowledged the record: it leaves the outbox with the rest of the batch, in {@link #markPublished}. */
    public void acknowledged(Exchange exchange) {
        OutboxRecord record = exchange.getProperty(RECORD, OutboxRecord.class);
        batch(exchange).acknowledged(record.seq());
        boolean wasHeld = heldKeys.release(record.key());
        if (kafkaAway != null) {
            LOG.info("Kafka is reachable again; publishing the recorded events");
            kafkaAway = null;
        } else if (wasHeld) {
            LOG.info("Kafka acknowledged event {} to {} when sent again; the later events of {} follow",
                    record.ceId(), record.topic(), record.key());
        }
        listener.published(record);
        String reason = record.errorReason();
        EVENTS.info("published {} {} task={} ce_id={}{}", record.type(), record.topic(), record.key(),
                record.ceId(), reason == null ? "" : " reason=" + reason);
    }

    /**
     * After a batch, sent whole or in part: its acknowledged records leave the outbox in one transaction, as a
     * commit per record cost more than the send itself.
     */
    public void markPublished(Exchange exchange) {
        List<Long> seqs = batch(exchange).acknowledged();
        if (!seqs.isEmpty()) {
            store.markPublished(seqs);
        }
    }

    /**
     * Kafka did not acknowledge the record: it is parked when Kafka would refuse it again however long it waited,
     * and otherwise stays in the outbox, with the later records of its key, until it is sent again after a pause.
     */
    public void refused(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        OutboxRecord record = exchange.getProperty(RECORD, OutboxRecord.class);
        PublishBatch batch = batch(exchange);
        // first, so that the key's later records wait even when parking fails
        batch.refused(record.key());
        Optional<Throwable> forGood = Refusals.forGood(failure);
        if (forGood.isPresent()) {
            park(record, forGood.get());
            batch.parked(record.key());
        } else {
            holdBack(record, Refusals.describe(Refusals.innermost(failure)), batch);
        }
    }

    private void park(OutboxRecord record, Throwable refusal) {
        String cause = Refusals.describe(refusal);
        // a parked unpublishable-event error event gets no error event of its own: on the same topic, that one could
        // be refused and parked in turn, and so on
        Optional<TaskEvent> errorEvent = UnpublishableEvents.REASON.equals(record.errorReason()) ? Optional.empty()
                : Optional.of(unpublishable.about(record.ceId(), record.topic(), record.type(), record.key(),
                        record.headers().get("ce_source"), cause));
        store.park(record.seq(), errorEvent);
        heldKeys.release(record.key());
        LOG.warn("Kafka refused event {} ({}, key {}) to {} for good; it is parked in the outbox and the events after"
                + " it go on: {}", record.ceId(), record.type(), record.key(), record.topic(), cause);
        listener.parked(record, refusal.getClass().getSimpleName(), cause);
    }

    private void holdBack(OutboxRecord record, String cause, PublishBatch batch) {
        boolean newlyHeld = heldKeys.hold(record.key());
        listener.refusedForNow(record, cause);
        if (batch.refusedForNow()) {
            if (kafkaAway == null) {
                LOG.warn("Kafka took neither of the last two events; the outbox waits for it and tries again after"
                        + " 1 s, then 2, 4, ... up to 30 s: {}", cause);
            }
            kafkaAway = kafkaAway == null ? Pause.first() : kafkaAway.next();
        } else if (newlyHeld && kafkaAway == null) {
            LOG.warn("Kafka did not acknowledge event {} to {}; it is sent again after a pause, the later events of"
                    + " {} wait for it and those of other keys go on: {}", record.ceId(), record.topic(),
                    record.key(), cause);
        } else {
            LOG.debug("Kafka did not acknowledge event {} to {} again: {}", record.ceId(), record.topic(), cause);
        }
    }

    private static PublishBatch batch(Exchange exchange) {
        return exchange.getProperty(BATCH, PublishBatch.class);
    }
}
