package io.github.modelarts.taskevents.publish;

import io.github.modelarts.taskevents.event.TaskEvent;
import io.github.modelarts.taskevents.event.UnpublishableEvents;
import io.github.modelarts.taskevents.state.OutboxRecord;
import io.github.modelarts.taskevents.state.StateStore;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publish stage, used by the {@code publish-outbox} route: hands recorded events to Kafka in the order they were
 * recorded, a batch per Kafka transaction ({@link TransactionalSender}), and marks a batch's rows once Kafka has
 * committed it. Order is kept per key (task), not across keys: a record Kafka refuses for now holds back the later
 * records of its key only ({@link HeldKeys}); one it refuses for good ({@link Refusals}) is parked with an error
 * event and holds back nothing. When Kafka takes nothing at all, the publisher waits for it, so an outage costs a
 * warning or two, not a log flood.
 */
public final class OutboxPublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxPublisher.class);
    private static final Logger EVENTS = LoggerFactory.getLogger("modelarts.events");
    private static final int BATCH_SIZE = 1000;
    /** Characters of payload per batch at most: 1000 events cut to a 1 MB record each would not fit in the heap. */
    private static final long BATCH_CHARS = 8L * 1024 * 1024;

    private final StateStore store;
    private final TransactionalSender sender;
    private final PublishPermit permit;
    private final PublishListener listener;
    private final UnpublishableEvents unpublishable;
    private final HeldKeys heldKeys = new HeldKeys();
    /** While Kafka is taken as away, no batch starts before this pause is over; null while Kafka takes records. */
    private volatile Pause kafkaAway;

    public OutboxPublisher(StateStore store, TransactionalSender sender, PublishPermit permit,
                           PublishListener listener, UnpublishableEvents unpublishable) {
        this.store = store;
        this.sender = sender;
        this.permit = permit;
        this.listener = listener;
        this.unpublishable = unpublishable;
    }

    /**
     * The next events to send, oldest first, without those of held keys; none while Kafka is taken as away or this
     * node may not publish. A producer opened first finishes the last transaction of the one before: its rows are
     * marked before anything is read.
     */
    public List<OutboxRecord> pending() {
        if (!permit.granted()) {
            standBy();
            return List.of();
        }
        Pause away = kafkaAway;
        if (away != null && !away.isOver()) {
            return List.of();
        }
        if (!sender.isOpen() && !open()) {
            return List.of();
        }
        return store.pending(BATCH_SIZE, BATCH_CHARS, heldKeys.waiting());
    }

    /**
     * Another node publishes: this one holds no producer, and what it knew of refusals is the other's business now,
     * so its readiness does not wait for events the other sends.
     */
    private void standBy() {
        if (sender.isOpen() || kafkaAway != null) {
            sender.close();
            kafkaAway = null;
            heldKeys.clear();
            listener.standingBy();
        }
    }

    private boolean open() {
        try {
            List<Long> committed = sender.open();
            if (!committed.isEmpty()) {
                store.markPublished(committed);
            }
            LOG.info("Publishing the outbox in Kafka transactions; the last transaction before held {} event(s)",
                    committed.size());
            return true;
        } catch (RuntimeException e) {
            sender.close();
            kafkaAway(Refusals.describe(Refusals.innermost(e)));
            return false;
        }
    }

    /** Sends the records in one transaction. */
    public TransactionResult send(List<OutboxRecord> records) {
        return sender.send(records);
    }

    /**
     * What Kafka committed leaves the outbox, in one database transaction; what it refused is parked, or held back
     * with the later records of its key. Until the rows are marked no other transaction begins: should marking fail,
     * the producer is closed, and the next one marks them from the commit log.
     */
    public void settle(TransactionResult result) {
        if (!result.committed().isEmpty()) {
            committed(result.committed());
        }
        if (fenced(result.failure())) {
            // Kafka refused this producer, not the records: held back and reported, they would stay so on this node
            // while the publisher that fenced it sends them, and its readiness would wait for events already sent
            transactionFailed(result.failure());
            return;
        }
        result.refused().forEach(this::refused);
        boolean noneForGood = result.refused().values().stream().allMatch(e -> Refusals.forGood(e).isEmpty());
        if (result.failure() != null) {
            transactionFailed(result.failure());
        } else if (result.refused().size() > 1 && noneForGood) {
            // two or more refusals for now and nothing taken: Kafka takes nothing now
            kafkaAway(Refusals.describe(Refusals.innermost(result.refused().values().iterator().next())));
        }
    }

    /** The listener hears of the commit before the mark: a crash test halts the JVM between them. */
    private void committed(List<OutboxRecord> records) {
        if (kafkaAway != null) {
            LOG.info("Kafka is reachable again; publishing the recorded events");
            kafkaAway = null;
        }
        for (OutboxRecord record : records) {
            if (heldKeys.release(record.key())) {
                LOG.info("Kafka acknowledged event {} to {} when sent again; the later events of {} follow",
                        record.ceId(), record.topic(), record.key());
            }
            listener.published(record);
            String reason = record.errorReason();
            EVENTS.info("published {} {} task={} ce_id={}{}", record.type(), record.topic(), record.key(),
                    record.ceId(), reason == null ? "" : " reason=" + reason);
        }
        try {
            store.markPublished(records.stream().map(OutboxRecord::seq).toList());
        } catch (RuntimeException e) {
            sender.close();
            throw e;
        }
    }

    private static boolean fenced(Exception failure) {
        return failure instanceof ProducerFencedException;
    }

    private void transactionFailed(Exception failure) {
        if (fenced(failure)) {
            LOG.warn("Another publisher of this cluster's transactional id took over and fenced this one; this one"
                    + " starts again after a pause, and the other's transaction is aborted then. Two instances with"
                    + " the same CLUSTER_NAME and project that are no cluster fence each other at every batch");
        }
        kafkaAway(Refusals.describe(Refusals.innermost(failure)));
    }

    /**
     * Kafka did not take the record: it is parked when Kafka would refuse it again however long it waited, and
     * otherwise stays in the outbox, with the later records of its key, until it is sent again after a pause.
     */
    private void refused(OutboxRecord record, Throwable failure) {
        Optional<Throwable> forGood = Refusals.forGood(failure);
        if (forGood.isPresent()) {
            park(record, forGood.get());
        } else {
            holdBack(record, Refusals.describe(Refusals.innermost(failure)));
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

    private void holdBack(OutboxRecord record, String cause) {
        boolean newlyHeld = heldKeys.hold(record.key());
        listener.refusedForNow(record, cause);
        if (newlyHeld && kafkaAway == null) {
            LOG.warn("Kafka did not acknowledge event {} to {}; it is sent again after a pause, the later events of"
                    + " {} wait for it and those of other keys go on: {}", record.ceId(), record.topic(),
                    record.key(), cause);
        } else {
            LOG.debug("Kafka did not acknowledge event {} to {} again: {}", record.ceId(), record.topic(), cause);
        }
    }

    private void kafkaAway(String cause) {
        listener.transactionsFailing(cause);
        if (kafkaAway == null) {
            LOG.warn("Kafka takes no transaction now; the outbox waits for it and tries again after 1 s, then 2, 4,"
                    + " ... up to 30 s: {}", cause);
        }
        kafkaAway = kafkaAway == null ? Pause.first() : kafkaAway.next();
    }

    @Override
    public void close() {
        sender.close();
    }
}
