package io.github.modelarts.taskevents.publish;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The keys (tasks) whose oldest unsent record Kafka refused for now. Each waits out its own {@link Pause} before that
 * record is sent again, and its later records wait with it, so a task's events never overtake each other; the other
 * keys are not held back.
 */
final class HeldKeys {
    // read by the readiness check's thread too
    private final Map<String, Pause> pauses = new ConcurrentHashMap<>();

    /** Holds {@code key} for a pause longer than its last; true when it was not held before. */
    boolean hold(String key) {
        Pause before = pauses.get(key);
        pauses.put(key, before == null ? Pause.first() : before.next());
        return before == null;
    }

    /** Kafka took the key's record, or it was parked: the key's next record may go at once. True when it was held. */
    boolean release(String key) {
        return pauses.remove(key) != null;
    }

    /** Forgets every hold: another publisher sends these keys' records now. */
    void clear() {
        pauses.clear();
    }

    /** The keys whose pause is not over: none of their records is sent now. */
    Set<String> waiting() {
        return pauses.entrySet().stream().filter(held -> !held.getValue().isOver()).map(Map.Entry::getKey)
                .collect(Collectors.toUnmodifiableSet());
    }
}
