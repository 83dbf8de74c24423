package io.github.modelarts.taskevents.classify;

import io.github.modelarts.taskevents.task.TaskMemory;
import io.github.modelarts.taskevents.task.TaskRef;

/** What one poll changes in the memory of one task: the record stage makes {@link #after} durable. */
public sealed interface TaskChange permits StatusChange, FailureStreak {
    TaskRef ref();

    TaskMemory before();

    TaskMemory after();
}
