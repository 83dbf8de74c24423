package io.github.modelarts.taskevents.classify;

import io.github.modelarts.taskevents.fetch.FetchResult;
import io.github.modelarts.taskevents.task.PollFailure;
import io.github.modelarts.taskevents.task.TaskMemory;
import io.github.modelarts.taskevents.task.TaskRef;
import java.time.Instant;
import java.util.function.Function;
import org.apache.camel.Exchange;

/**
 * Counts failed polls per task: a transient failure (timeout, 5xx, throttling) is reported once
 * POLL_ERROR_THRESHOLD polls in a row failed, a not-found on the second poll in a row that says so (the task is
 * then gone), any other at once; each only once per streak.
 */
public final class FailureStreaks {
    private final int threshold;
    private final Function<TaskRef, TaskMemory> memory;

    public FailureStreaks(int threshold, Function<TaskRef, TaskMemory> memory) {
        this.threshold = threshold;
        this.memory = memory;
    }

    /**
     * A route step: the failure in the variable {@code fetched}, for the task in the variable {@code task}. Leaves
     * the variable {@code change} and, for the route's choice, {@code reported} and {@code taskGone}.
     */
    public void classify(Exchange exchange) {
        TaskRef ref = exchange.getVariable("task", TaskRef.class);
        FetchResult fetched = exchange.getVariable(FetchResult.VARIABLE, FetchResult.class);
        FailureStreak streak = compare(ref, fetched.failure(), fetched.observedAt(), memory.apply(ref));
        exchange.setVariable(TaskChange.VARIABLE, streak);
        exchange.setVariable("reported", streak.reported());
        exchange.setVariable("taskGone", streak.taskGone());
    }

    public FailureStreak compare(TaskRef ref, PollFailure failure, Instant observedAt, TaskMemory before) {
        int failures = before.consecutiveFailures() + 1;
        boolean report;
        if (failure.isTransient()) {
            report = failures >= threshold && before.reportedFailure() == null;
        } else if (PollFailure.NOT_FOUND.equals(failure.reason())) {
            report = PollFailure.NOT_FOUND.equals(before.lastFailure())
                    && !PollFailure.NOT_FOUND.equals(before.reportedFailure());
        } else {
            report = !failure.reason().equals(before.reportedFailure());
        }
        TaskMemory after = before.failed(failure.reason(), report ? failure.reason() : before.reportedFailure(),
                observedAt);
        return new FailureStreak(ref, before, after, failures, report);
    }
}
