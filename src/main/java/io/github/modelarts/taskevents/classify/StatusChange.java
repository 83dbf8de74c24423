package io.github.modelarts.taskevents.classify;

import io.github.modelarts.taskevents.task.TaskMemory;
import io.github.modelarts.taskevents.task.TaskRef;
import java.util.Objects;
import java.util.Optional;

/**
 * An answered poll against the task's memory. A new run (another {@code create_time}) changes everything.
 *
 * @param statusChanged the status differs from the run's last one: a terminal status is published on this
 * @param changed       the status or the code differs: a progress or unknown-status event is published on this
 * @param stalled       a running task unchanged for STALL_AFTER, not yet reported: a stalled event is published
 */
public record StatusChange(TaskRef ref, TaskMemory before, TaskMemory after, boolean changed, boolean statusChanged,
                           boolean stalled) implements TaskChange {

    /** The last sighting of this run before this one; empty on the run's first. */
    public Optional<TaskMemory> previousSighting() {
        return before.status() != null && Objects.equals(before.run(), after.run()) ? Optional.of(before)
                : Optional.empty();
    }

    /** The sequence number of the event this poll publishes, if it publishes one. */
    public int sequence() {
        return after.history().nextSequence();
    }
}
