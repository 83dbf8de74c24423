package io.github.modelarts.taskevents.classify;

import io.github.modelarts.taskevents.task.TaskMemory;
import io.github.modelarts.taskevents.task.TaskRef;

/** What one poll changes in the memory of one task: the record stage makes {@link #after} durable. */
public sealed interface TaskChange permits StatusChange, FailureStreak {
    /** The exchange variable the classify steps leave the change in. */
    String VARIABLE = "change";

    TaskRef ref();

    TaskMemory before();

    TaskMemory after();
}
