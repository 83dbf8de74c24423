package io.github.modelarts.taskevents.task;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.modelarts.taskevents.task.model.TaskDetail;
import java.time.Instant;

/** One poll's finding about one task: its state, or why it could not be read. */
public sealed interface Observation {
    TaskRef ref();

    int attempts();

    Instant observedAt();

    /** The task as the API described it; {@code rawResult} is its {@code result} object as received. */
    record TaskSeen(TaskRef ref, TaskDetail task, JsonNode rawResult, int attempts, Instant observedAt)
            implements Observation {
    }

    /** The poll failed; transient failures (timeouts, 5xx, throttling) are reported only when they persist. */
    record PollFailed(TaskRef ref, PollFailure failure, int attempts, Instant observedAt) implements Observation {
    }
}
