package io.github.modelarts.taskevents.simulator;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** The kinds of intelligent task: the list API filters by {@link #apiName()} and reports {@link #code()}. */
public enum TaskType {
    AUTO_LABEL("auto-label", 0),
    PRE_LABEL("pre-label", 1),
    AUTO_GROUPING("auto-grouping", 2);

    /** What the list API returns without a {@code type}: the auto-labeling kinds only. */
    static final Set<TaskType> LISTED_BY_DEFAULT = EnumSet.of(AUTO_LABEL, PRE_LABEL);

    private final String apiName;
    private final int code;

    TaskType(String apiName, int code) {
        this.apiName = apiName;
        this.code = code;
    }

    /** The name in the list API's {@code type} query parameter and in scenario files. */
    @JsonValue
    public String apiName() {
        return apiName;
    }

    /** The integer {@code type} of a RunningTask in list responses. */
    public int code() {
        return code;
    }

    static Optional<TaskType> find(String apiName) {
        for (TaskType type : values()) {
            if (type.apiName.equals(apiName)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    @JsonCreator
    public static TaskType fromApiName(String apiName) {
        return find(apiName).orElseThrow(() -> new IllegalArgumentException(
                "unknown task type '" + apiName + "', expected auto-label, pre-label or auto-grouping"));
    }
}
