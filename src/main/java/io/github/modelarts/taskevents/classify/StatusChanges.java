package io.github.modelarts.taskevents.classify;

import io.github.modelarts.taskevents.fetch.FetchResult;
import io.github.modelarts.taskevents.task.TaskMemory;
import io.github.modelarts.taskevents.task.TaskRef;
import io.github.modelarts.taskevents.task.TaskStatus;
import io.github.modelarts.taskevents.task.model.TaskDetail;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;
import org.apache.camel.Exchange;

/** The change detection of routes/poll-tasks.camel.yaml: what an answer changes against the task's memory. */
public final class StatusChanges {
    private final Function<TaskRef, TaskMemory> memory;
    private final Duration stallAfter;

    /** {@code stallAfter}: how long a running task may stay unchanged before it is reported stalled; zero: never. */
    public StatusChanges(Function<TaskRef, TaskMemory> memory, Duration stallAfter) {
        this.memory = memory;
        this.stallAfter = stallAfter;
    }

    /**
     * A route step: the task in the body, as answered for the task in the variable {@code task}. Leaves the
     * variable {@code change} for the stages after it and, for the route's choice, plain values beside it:
     * {@code status} (the answer's), {@code statusChanged}, {@code changed} and {@code stalled}.
     */
    public void classify(Exchange exchange) {
        TaskDetail task = exchange.getMessage().getBody(TaskDetail.class);
        TaskRef ref = exchange.getVariable("task", TaskRef.class);
        FetchResult fetched = exchange.getVariable(FetchResult.VARIABLE, FetchResult.class);
        StatusChange change = compare(ref, task, fetched.observedAt(), memory.apply(ref), stallAfter);
        exchange.setVariable(TaskChange.VARIABLE, change);
        exchange.setVariable("status", task.status());
        exchange.setVariable("statusChanged", change.statusChanged());
        exchange.setVariable("changed", change.changed());
        exchange.setVariable("stalled", change.stalled());
    }

    public static StatusChange compare(TaskRef ref, TaskDetail task, Instant observedAt, TaskMemory before,
                                       Duration stallAfter) {
        String run = Objects.requireNonNullElse(task.createTime(), "");
        boolean newRun = !run.equals(before.run());
        TaskMemory current = newRun ? before.startRun(run) : before;
        boolean statusChanged = newRun || !Objects.equals(current.status(), task.status());
        boolean changed = statusChanged || !Objects.equals(current.code(), task.code());
        boolean terminal = TaskStatus.of(task.status()).flatMap(TaskStatus::outcome).isPresent();
        TaskMemory after = current.seen(task.status(), task.code(), terminal, task.taskName(), task.progress(),
                observedAt);
        boolean stalled = !changed && stalls(after, observedAt, stallAfter);
        return new StatusChange(ref, before, stalled ? after.stallReported() : after, changed, statusChanged, stalled);
    }

    /** A documented status still going, unchanged for {@code stallAfter}, and that stall not reported yet. */
    private static boolean stalls(TaskMemory after, Instant observedAt, Duration stallAfter) {
        return !stallAfter.isZero() && !after.terminal() && TaskStatus.of(after.status()).isPresent()
                && !after.history().stallReported()
                && !observedAt.isBefore(after.history().lastChangeAt().plus(stallAfter));
    }
}
