package io.github.modelarts.taskevents.classify;

import io.github.modelarts.taskevents.task.TaskMemory;
import io.github.modelarts.taskevents.task.TaskRef;

/**
 * An answered poll against the task's memory. A new run (another {@code create_time}) changes everything.
 *
 * @param statusChanged the status differs from the run's last one: a terminal status is published on this
 * @param changed       the status or the code differs: a progress or unknown-status event is published on this
 */
public record StatusChange(TaskRef ref, TaskMemory before, TaskMemory after, boolean changed, boolean statusChanged)
        implements TaskChange {
}
