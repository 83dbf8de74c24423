package io.github.modelarts.taskevents.task;

import java.util.Optional;

/** The documented {@code status} values (docs/modelarts-api.md#status-values); 2, 3 and 5 end a run. */
public enum TaskStatus {
    QUEUING(-1, "queuing", null),
    INITIALIZING(0, "initializing", null),
    RUNNING(1, "running", null),
    FAILED(2, "failed", Outcome.FAILED),
    SUCCEEDED(3, "succeeded", Outcome.SUCCEEDED),
    STOPPING(4, "stopping", null),
    STOPPED(5, "stopped", Outcome.STOPPED);

    private final int code;
    private final String displayName;
    private final Outcome outcome;

    TaskStatus(int code, String displayName, Outcome outcome) {
        this.code = code;
        this.displayName = displayName;
        this.outcome = outcome;
    }

    public int code() {
        return code;
    }

    /** The name events carry as {@code status_name}. */
    public String displayName() {
        return displayName;
    }

    /** The run's outcome for a terminal status; empty while the task is still going. */
    public Optional<Outcome> outcome() {
        return Optional.ofNullable(outcome);
    }

    public static Optional<TaskStatus> of(Integer code) {
        if (code != null) {
            for (TaskStatus status : values()) {
                if (status.code == code) {
                    return Optional.of(status);
                }
            }
        }
        return Optional.empty();
    }
}
