package io.github.modelarts.taskevents.publish;

import io.github.modelarts.taskevents.state.OutboxRecord;

/** What the publisher tells the metrics and the readiness check about each send to Kafka. */
public interface PublishListener {

    /** Kafka acknowledged {@code record}. */
    void published(OutboxRecord record);

    /**
     * Kafka did not take {@code record} for now; it stays in the outbox, is sent again after a pause, and the later
     * events of its key wait for it. {@code cause} says what Kafka answered.
     */
    void refusedForNow(OutboxRecord record, String cause);

    /**
     * Kafka refused {@code record} for good, so it was parked; {@code reason} is the refusal's Kafka exception (e.g.
     * {@code RecordTooLargeException}), {@code cause} what Kafka answered.
     */
    void parked(OutboxRecord record, String reason, String cause);

    /**
     * Kafka takes no transaction now: the producer could not be opened, or a transaction could not end; {@code cause}
     * says what Kafka answered. Over with the next {@link #published}.
     */
    void transactionsFailing(String cause);

    /** Another node publishes now: what this one reported of refusals and failing transactions is over. */
    void standingBy();
}
