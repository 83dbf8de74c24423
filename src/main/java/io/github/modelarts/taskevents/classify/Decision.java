package io.github.modelarts.taskevents.classify;

import io.github.modelarts.taskevents.event.TaskEvent;
import io.github.modelarts.taskevents.task.TaskMemory;
import io.github.modelarts.taskevents.task.TaskRef;
import java.util.Optional;

/**
 * The result of classifying one observation: the task's new memory, the event to publish if any, and
 * whether the task should leave the watch list (it no longer exists).
 */
public record Decision(TaskRef ref, TaskMemory before, TaskMemory after, Optional<TaskEvent> event,
                       boolean unwatch) {
}
