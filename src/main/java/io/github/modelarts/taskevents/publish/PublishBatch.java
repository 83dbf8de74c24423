package io.github.modelarts.taskevents.publish;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What one run of the publish route learns while it sends its records one after the other; the split's copies of
 * the exchange share it.
 */
final class PublishBatch {
    /** Two refusals for now in a row, nothing acknowledged or refused for good between: Kafka takes nothing now. */
    private static final int REFUSALS_KAFKA_AWAY = 2;

    private final List<Long> acknowledged = new ArrayList<>();
    private final Set<String> refusedKeys = new HashSet<>();
    private int refusalsInARow;

    /**
     * Whether {@code key}'s record may be sent: not after an earlier one of the key was refused in this batch, and
     * none once Kafka is taken as away.
     */
    boolean mayGo(String key) {
        return refusalsInARow < REFUSALS_KAFKA_AWAY && !refusedKeys.contains(key);
    }

    void acknowledged(long seq) {
        acknowledged.add(seq);
        refusalsInARow = 0;
    }

    /** Kafka did not take {@code key}'s record: the key's later records wait, unless it is {@link #parked}. */
    void refused(String key) {
        refusedKeys.add(key);
    }

    /** The key's refused record is parked: its later records may go. Kafka answered, so it is not away. */
    void parked(String key) {
        refusedKeys.remove(key);
        refusalsInARow = 0;
    }

    /** A refusal for now; returns whether Kafka is now taken as away, and the rest of the batch left for later. */
    boolean refusedForNow() {
        refusalsInARow++;
        return refusalsInARow >= REFUSALS_KAFKA_AWAY;
    }

    List<Long> acknowledged() {
        return acknowledged;
    }
}
