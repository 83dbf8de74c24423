package io.github.modelarts.taskevents.classify;

import io.github.modelarts.taskevents.fetch.FetchResult;
import io.github.modelarts.taskevents.task.TaskMemory;
import io.github.modelarts.taskevents.task.TaskRef;
import io.github.modelarts.taskevents.task.TaskStatus;
import io.github.modelarts.taskevents.task.model.TaskDetail;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;
import org.apache.camel.Body;
import org.apache.camel.Variable;

/** The change detection of routes/poll-tasks.camel.yaml: what an answer changes against the task's memory. */
public final class StatusChanges {
    private final Function<TaskRef, TaskMemory> memory;

    public StatusChanges(Function<TaskRef, TaskMemory> memory) {
        this.memory = memory;
    }

    /** A route step: the task in the body, as answered for the task in the variable {@code task}. */
    public StatusChange compare(@Body TaskDetail task, @Variable("task") TaskRef ref,
                                @Variable(FetchResult.VARIABLE) FetchResult fetched) {
        return compare(ref, task, fetched.observedAt(), memory.apply(ref));
    }

    public static StatusChange compare(TaskRef ref, TaskDetail task, Instant observedAt, TaskMemory before) {
        String run = Objects.requireNonNullElse(task.createTime(), "");
        boolean newRun = !run.equals(before.run());
        TaskMemory current = newRun ? before.startRun(run) : before;
        boolean statusChanged = newRun || !Objects.equals(current.status(), task.status());
        boolean changed = statusChanged || !Objects.equals(current.code(), task.code());
        boolean terminal = TaskStatus.of(task.status()).flatMap(TaskStatus::outcome).isPresent();
        TaskMemory after = current.seen(task.status(), task.code(), terminal, task.taskName(), task.progress(),
                observedAt);
        return new StatusChange(ref, before, after, changed, statusChanged);
    }
}
