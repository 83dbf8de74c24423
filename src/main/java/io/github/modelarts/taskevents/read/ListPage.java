package io.github.modelarts.taskevents.read;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.modelarts.taskevents.task.Observation;
import java.time.Instant;
import java.util.List;

/** One page of a task list as read: its RunningTask items and total, or why it could not be read. */
public sealed interface ListPage {

    /** {@code totalCount} is null when the API left it out. */
    record Read(List<JsonNode> tasks, Long totalCount, int attempts, Instant observedAt) implements ListPage {
    }

    record Failed(Observation.PollFailed failed) implements ListPage {
    }
}
