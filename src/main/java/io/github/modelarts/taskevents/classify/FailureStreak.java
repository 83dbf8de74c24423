package io.github.modelarts.taskevents.classify;

import io.github.modelarts.taskevents.task.TaskMemory;
import io.github.modelarts.taskevents.task.TaskRef;

/**
 * A failed poll against the task's memory.
 *
 * @param consecutiveFailures failed polls in a row, this one included
 * @param reported            this failure is to be published: a transient one once it persists, any other once
 *                            per streak
 */
public record FailureStreak(TaskRef ref, TaskMemory before, TaskMemory after, int consecutiveFailures,
                            boolean reported) implements TaskChange {
}
