package io.github.modelarts.taskevents.classify;

import io.github.modelarts.taskevents.task.PollFailure;
import io.github.modelarts.taskevents.task.TaskMemory;
import io.github.modelarts.taskevents.task.TaskRef;

/**
 * A failed poll against the task's memory.
 *
 * @param consecutiveFailures failed polls in a row, this one included
 * @param reported            this failure is to be published: a transient one once it persists, a not-found once
 *                            confirmed, any other once per streak
 */
public record FailureStreak(TaskRef ref, TaskMemory before, TaskMemory after, int consecutiveFailures,
                            boolean reported) implements TaskChange {

    /** ModelArts said twice in a row that the task does not exist: it leaves the watch list. */
    public boolean taskGone() {
        return reported && PollFailure.NOT_FOUND.equals(after.lastFailure());
    }
}
