package io.github.modelarts.taskevents.replay;

import java.time.Instant;
import java.util.Map;

/** An event as the outbox retains it: exactly what the service sent, and when it was recorded. */
record RetainedEvent(long seq, String ceId, String topic, String key, Map<String, String> headers, String value,
                     Instant createdAt) {

    String type() {
        return headers.get("ce_type");
    }
}
