package io.github.modelarts.taskevents.publish;

import io.github.modelarts.taskevents.state.OutboxRecord;

/** What the publisher tells the metrics and the readiness check about each send to Kafka. */
public interface PublishListener {

    /** Kafka acknowledged {@code record}. */
    void published(OutboxRecord record);

    /** Kafka did not acknowledge a send; the record stays in the outbox. */
    void sendFailed();
}
