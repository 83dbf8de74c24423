package io.github.modelarts.taskevents.task;

import java.time.Instant;

/**
 * What the current run has shown so far, kept durable with the task so that a restart numbers and times its events
 * as before.
 *
 * @param sequence      the sequence number of the run's last task event; 0 before its first
 * @param firstSeenAt   when the run was first observed
 * @param lastChangeAt  when its status, code or progress last changed: a stall is counted from there
 * @param stallReported whether the stall since {@code lastChangeAt} was published; a change re-arms it
 */
public record RunHistory(int sequence, Instant firstSeenAt, Instant lastChangeAt, boolean stallReported) {
    public static final RunHistory NONE = new RunHistory(0, null, null, false);

    /** The sequence number of the run's next task event. */
    public int nextSequence() {
        return sequence + 1;
    }

    /**
     * After an answered poll at {@code at}. A history restored from a version that kept none starts from there, so
     * an upgrade neither reports a stall at once nor leaves the first sighting unknown.
     */
    RunHistory seen(boolean changed, Instant at) {
        Instant firstSeen = firstSeenAt == null ? at : firstSeenAt;
        if (changed || lastChangeAt == null) {
            return new RunHistory(sequence, firstSeen, at, false);
        }
        // nothing new: this history itself, not an equal copy (see TaskMemory#seen)
        return firstSeenAt == null ? new RunHistory(sequence, firstSeen, lastChangeAt, stallReported) : this;
    }

    RunHistory published(int eventSequence) {
        return new RunHistory(eventSequence, firstSeenAt, lastChangeAt, stallReported);
    }

    RunHistory reportStall() {
        return new RunHistory(sequence, firstSeenAt, lastChangeAt, true);
    }
}
