package io.github.modelarts.taskevents.classify;

import io.github.modelarts.taskevents.event.EventFactory;
import io.github.modelarts.taskevents.event.TaskEvent;
import io.github.modelarts.taskevents.task.Observation;
import io.github.modelarts.taskevents.task.Outcome;
import io.github.modelarts.taskevents.task.PollFailure;
import io.github.modelarts.taskevents.task.TaskMemory;
import io.github.modelarts.taskevents.task.TaskRef;
import io.github.modelarts.taskevents.task.TaskStatus;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Branches on {@code status} and {@code code} (docs/events.md#publication-rules): a terminal status yields its
 * outcome event once per run, an in-progress status an event only when status or code changed, anything else an
 * {@code unknown-status} error; failed polls yield an error event once per failure streak.
 */
public final class TaskClassifier {
    private final EventFactory events;
    private final int errorThreshold;
    private final Function<TaskRef, TaskMemory> memory;

    public TaskClassifier(EventFactory events, int errorThreshold, Function<TaskRef, TaskMemory> memory) {
        this.events = events;
        this.errorThreshold = errorThreshold;
        this.memory = memory;
    }

    /** The classify stage: decides against what is remembered of the task. */
    public Decision classify(Observation observation) {
        return decide(observation, memory.apply(observation.ref()));
    }

    public Decision decide(Observation observation, TaskMemory before) {
        if (observation instanceof Observation.TaskSeen seen) {
            return classifySeen(seen, before);
        }
        return classifyFailure((Observation.PollFailed) observation, before);
    }

    private Decision classifySeen(Observation.TaskSeen seen, TaskMemory before) {
        Integer status = seen.task().status();
        String code = seen.task().code();
        String run = Objects.requireNonNullElse(seen.task().createTime(), "");
        boolean newRun = !run.equals(before.run());
        TaskMemory current = newRun ? before.startRun(run) : before;
        boolean changed = newRun || !Objects.equals(current.status(), status) || !Objects.equals(current.code(), code);
        Optional<TaskStatus> known = TaskStatus.of(status);
        Optional<Outcome> outcome = known.flatMap(TaskStatus::outcome);

        TaskEvent event = null;
        if (known.isEmpty()) {
            event = changed ? events.unknownStatus(seen) : null;
        } else if (outcome.isPresent()) {
            boolean alreadyPublished = current.terminal() && Objects.equals(current.status(), status);
            event = alreadyPublished ? null : events.terminal(seen, outcome.get());
        } else if (changed) {
            event = events.progress(seen, known.get());
        }
        TaskMemory after = current.seen(status, code, outcome.isPresent(), seen.task().taskName(),
                seen.task().progress(), seen.observedAt());
        return decision(seen, before, after, event, false);
    }

    private Decision classifyFailure(Observation.PollFailed failed, TaskMemory before) {
        PollFailure failure = failed.failure();
        int failures = before.consecutiveFailures() + 1;
        boolean publish = failure.isTransient()
                ? failures >= errorThreshold && before.reportedFailure() == null
                : !failure.reason().equals(before.reportedFailure());
        TaskMemory after = before.failed(publish ? failure.reason() : before.reportedFailure(),
                failed.observedAt());
        TaskEvent event = publish ? events.pollError(failed, failures) : null;
        return decision(failed, before, after, event, "not-found".equals(failure.reason()));
    }

    private static Decision decision(Observation observation, TaskMemory before, TaskMemory after, TaskEvent event,
                                     boolean unwatch) {
        TaskMemory remembered = event == null ? after : after.published(event.type(), event.time());
        return new Decision(observation.ref(), before, remembered, Optional.ofNullable(event), unwatch);
    }
}
