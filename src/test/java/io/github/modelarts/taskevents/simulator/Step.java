package io.github.modelarts.taskevents.simulator;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One timeline step: {@code afterMs} after the timeline was put, the task's top-level fields in
 * {@code set} take these values (a null value removes the field). In scenario files:
 * {@code {"after_ms": 2000, "set": {"status": 1}}}.
 */
public record Step(@JsonProperty("after_ms") long afterMs, @JsonProperty("set") Map<String, Object> set) {

    public Step {
        if (afterMs < 0) {
            throw new IllegalArgumentException("after_ms must not be negative: " + afterMs);
        }
        // LinkedHashMap, not Map.copyOf: null values are meaningful here
        set = Collections.unmodifiableMap(new LinkedHashMap<>(set == null ? Map.of() : set));
    }
}
