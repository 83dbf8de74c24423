package io.github.modelarts.taskevents.task;

import java.time.Instant;
import java.util.Objects;

/**
 * What is remembered of one task. {@code run} (the task's {@code create_time}), {@code status}, {@code code},
 * {@code terminal}, {@code progress}, the last event and the run's history are durable; the poll bookkeeping lives
 * only in memory.
 *
 * @param run                 create_time of the run last seen; null before the first answer
 * @param consecutiveFailures failed polls in a row
 * @param reportedFailure     the failure reason already published in the current streak, or null
 * @param lastFailure         the reason the last poll failed, or null when it was answered
 * @param history             what the current run has shown so far: event sequence, first sighting, last change
 */
public record TaskMemory(String run, Integer status, String code, boolean terminal, String taskName,
                         Double progress, String lastEventType, Instant lastEventAt, Instant lastPollAt,
                         int consecutiveFailures, String reportedFailure, String lastFailure, RunHistory history) {

    public static final TaskMemory NEW = new TaskMemory(null, null, null, false, null, null, null, null, null, 0,
            null, null, RunHistory.NONE);

    /** What a restart keeps of a task: its run, status, code, progress, whether it ended, its last event and history. */
    public static TaskMemory restored(String run, Integer status, String code, boolean terminal, String taskName,
                                      Double progress, String lastEventType, Instant lastEventAt, RunHistory history) {
        return new TaskMemory(run, status, code, terminal, taskName, progress, lastEventType, lastEventAt, null, 0,
                null, null, history);
    }

    /** This memory with the failure streak a cluster node recorded, so that the next node goes on counting. */
    public TaskMemory withFailureStreak(int failures, String reported, String last) {
        return new TaskMemory(run, status, code, terminal, taskName, progress, lastEventType, lastEventAt, lastPollAt,
                failures, reported, last, history);
    }

    /** This memory as polled last at {@code polledAt}: the poll time is this node's own, never stored. */
    public TaskMemory polledAt(Instant polledAt) {
        return new TaskMemory(run, status, code, terminal, taskName, progress, lastEventType, lastEventAt, polledAt,
                consecutiveFailures, reportedFailure, lastFailure, history);
    }

    /** The memory at the start of a new run: nothing of the old run's status or history may suppress its events. */
    public TaskMemory startRun(String newRun) {
        return new TaskMemory(newRun, null, null, false, taskName, null, lastEventType, lastEventAt, lastPollAt,
                consecutiveFailures, reportedFailure, lastFailure, RunHistory.NONE);
    }

    /** After an answered poll: the new state, the failure streak over; a new status, code or progress re-arms the stall. */
    public TaskMemory seen(Integer newStatus, String newCode, boolean isTerminal, String name, Double newProgress,
                           Instant polledAt) {
        boolean changed = !Objects.equals(status, newStatus) || !Objects.equals(code, newCode)
                || !Objects.equals(progress, newProgress);
        // what did not change is kept as the same objects: a memory outlives a cycle, so whatever it holds is
        // promoted to the old generation, and copies parsed anew each poll filled it up for nothing
        return new TaskMemory(run, same(status, newStatus), same(code, newCode), isTerminal, same(taskName, name),
                same(progress, newProgress), lastEventType, lastEventAt, polledAt, 0, null, null,
                history.seen(changed, polledAt));
    }

    private static <T> T same(T kept, T answered) {
        return Objects.equals(kept, answered) ? kept : answered;
    }

    /** After a poll that failed for {@code reason}; {@code reported} is the streak's published reason. */
    public TaskMemory failed(String reason, String reported, Instant polledAt) {
        return new TaskMemory(run, status, code, terminal, taskName, progress, lastEventType, lastEventAt, polledAt,
                consecutiveFailures + 1, reported, reason, history);
    }

    /** After an event; {@code sequence} is its number in the run, or null for an event outside the run's sequence. */
    public TaskMemory published(String eventType, Instant at, Integer sequence) {
        RunHistory next = sequence == null ? history : history.published(sequence);
        return new TaskMemory(run, status, code, terminal, taskName, progress, eventType, at, lastPollAt,
                consecutiveFailures, reportedFailure, lastFailure, next);
    }

    /** Once the current stall is reported: nothing more until something changes. */
    public TaskMemory stallReported() {
        return new TaskMemory(run, status, code, terminal, taskName, progress, lastEventType, lastEventAt, lastPollAt,
                consecutiveFailures, reportedFailure, lastFailure, history.reportStall());
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

    /** ModelArts said twice in a row that the task does not exist, and that was reported: it left the watch list. */
    public boolean gone() {
        return PollFailure.NOT_FOUND.equals(reportedFailure);
    }

    /** Whether the failure streak differs: in cluster mode it is stored too, for the node that runs the next cycle. */
    public boolean failureStreakDiffersFrom(TaskMemory other) {
        return consecutiveFailures != other.consecutiveFailures || !Objects.equals(reportedFailure, other.reportedFailure)
                || !Objects.equals(lastFailure, other.lastFailure);
    }

    /** Whether this differs from {@code other} in anything that must survive a restart. */
    public boolean durablyDiffersFrom(TaskMemory other) {
        return !Objects.equals(run, other.run) || !Objects.equals(status, other.status)
                || !Objects.equals(code, other.code) || terminal != other.terminal
                || !Objects.equals(progress, other.progress) || !Objects.equals(lastEventAt, other.lastEventAt)
                || !history.equals(other.history);
    }
}
