package io.github.modelarts.taskevents.task;

import java.time.Instant;

/**
 * What is remembered of one task. {@code run} (the task's {@code create_time}), {@code status}, {@code code},
 * {@code terminal} and the last event are durable; the poll bookkeeping lives only in memory.
 *
 * @param run                 create_time of the run last seen; null before the first answer
 * @param consecutiveFailures failed polls in a row
 * @param reportedFailure     the failure reason already published in the current streak, or null
 * @param lastFailure         the reason the last poll failed, or null when it was answered
 */
public record TaskMemory(String run, Integer status, String code, boolean terminal, String taskName,
                         Double progress, String lastEventType, Instant lastEventAt, Instant lastPollAt,
                         int consecutiveFailures, String reportedFailure, String lastFailure) {

    public static final TaskMemory NEW = new TaskMemory(null, null, null, false, null, null, null, null, null, 0,
            null, null);

    /** What a restart keeps of a task: its run, status, code, whether it ended, and its last event. */
    public static TaskMemory restored(String run, Integer status, String code, boolean terminal, String taskName,
                                      String lastEventType, Instant lastEventAt) {
        return new TaskMemory(run, status, code, terminal, taskName, null, lastEventType, lastEventAt, null, 0, null,
                null);
    }

    /** The memory at the start of a new run: nothing of the old run's status may suppress its events. */
    public TaskMemory startRun(String newRun) {
        return new TaskMemory(newRun, null, null, false, taskName, null, lastEventType, lastEventAt, lastPollAt,
                consecutiveFailures, reportedFailure, lastFailure);
    }

    /** After an answered poll: the new state, the failure streak over. */
    public TaskMemory seen(Integer newStatus, String newCode, boolean isTerminal, String name, Double newProgress,
                           Instant polledAt) {
        return new TaskMemory(run, newStatus, newCode, isTerminal, name, newProgress, lastEventType, lastEventAt,
                polledAt, 0, null, null);
    }

    /** After a poll that failed for {@code reason}; {@code reported} is the streak's published reason. */
    public TaskMemory failed(String reason, String reported, Instant polledAt) {
        return new TaskMemory(run, status, code, terminal, taskName, progress, lastEventType, lastEventAt, polledAt,
                consecutiveFailures + 1, reported, reason);
    }

    public TaskMemory published(String eventType, Instant at) {
        return new TaskMemory(run, status, code, terminal, taskName, progress, eventType, at, lastPollAt,
                consecutiveFailures, reportedFailure, lastFailure);
    }

    /**
     * Whether the task is polled every cycle: not once it has ended, and not while the API forbids it
     * (those are re-checked at a slower rate, as asking again at once cannot help).
     */
    public boolean pollsEveryCycle() {
        return !terminal && !forbidden();
    }

    /** Whether the current failure streak was reported as forbidden (403); an answered poll ends it. */
    public boolean forbidden() {
        return "forbidden".equals(reportedFailure);
    }

    /** Whether this differs from {@code other} in anything that must survive a restart. */
    public boolean durablyDiffersFrom(TaskMemory other) {
        return !java.util.Objects.equals(run, other.run) || !java.util.Objects.equals(status, other.status)
                || !java.util.Objects.equals(code, other.code) || terminal != other.terminal
                || !java.util.Objects.equals(lastEventAt, other.lastEventAt);
    }
}
