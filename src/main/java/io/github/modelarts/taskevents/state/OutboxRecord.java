package io.github.modelarts.taskevents.state;

import java.util.Map;

/** A recorded event waiting for Kafka's acknowledgement; {@code seq} orders the outbox. */
public record OutboxRecord(long seq, String ceId, String topic, String key, Map<String, String> headers,
                           String value) {
}
