package io.github.modelarts.taskevents.record;

import io.github.modelarts.taskevents.classify.TaskChange;
import io.github.modelarts.taskevents.event.EventFactory;
import io.github.modelarts.taskevents.event.TaskEvent;
import io.github.modelarts.taskevents.state.GroupCommit;
import io.github.modelarts.taskevents.state.StateStore;
import io.github.modelarts.taskevents.state.StateStoreException;
import io.github.modelarts.taskevents.task.PollFailure;
import io.github.modelarts.taskevents.task.TaskMemory;
import io.github.modelarts.taskevents.watch.WatchList;
import java.time.Clock;
import java.util.Optional;
import org.apache.camel.Variable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The record stage: makes a change durable (task state and outbox event in one transaction), then updates the
 * watch list. If the database refuses, the in-memory state is left as it was, so the next poll decides again
 * and nothing is lost.
 */
public final class TaskRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(TaskRecorder.class);

    private final StateStore store;
    private final GroupCommit commits;
    private final WatchList watchList;
    private final EventFactory events;
    private final String errorsTopic;
    private final Clock clock;
    private final boolean failureStreaksDurable;

    /**
     * {@code failureStreaksDurable}: a change of the failure streak alone is written too (cluster mode), so the node
     * that runs the next cycle counts on from it; a single instance keeps it in memory and saves those writes.
     */
    public TaskRecorder(StateStore store, GroupCommit commits, WatchList watchList, EventFactory events,
                        String errorsTopic, Clock clock, boolean failureStreaksDurable) {
        this.store = store;
        this.commits = commits;
        this.watchList = watchList;
        this.events = events;
        this.errorsTopic = errorsTopic;
        this.clock = clock;
        this.failureStreaksDurable = failureStreaksDurable;
    }

    /**
     * A route step: the change in the variable {@code change}, its event (if any) in {@code event}; {@code unwatch}
     * when the task no longer exists. The watch list learns of the change once it is durable, which may be after
     * this returns; {@link #flush} waits for that.
     */
    public void record(@Variable("change") TaskChange change, @Variable("event") TaskEvent event,
                       @Variable("unwatch") Boolean unwatch) {
        TaskMemory after = event == null ? change.after() : change.after().published(event.type(), event.time(),
                event.sequence());
        if (event == null && !after.durablyDiffersFrom(change.before())
                && !(failureStreaksDurable && after.failureStreakDiffersFrom(change.before()))) {
            remember(change, after, unwatch);
            return;
        }
        commits.record(change.ref(), after, Optional.ofNullable(event), new GroupCommit.Outcome() {
            @Override
            public void durable() {
                remember(change, after, unwatch);
            }

            @Override
            public void refused(StateStoreException e) {
                if (!e.isPermanent()) {
                    LOG.error("Could not record {}; it will be decided again next cycle: {}", change.ref(),
                            e.getMessage());
                } else if (reportUnstorable(change, after, e)) {
                    remember(change, after, unwatch);
                }
            }
        });
    }

    /** A route step at the end of a cycle: returns once every change recorded so far is durable or refused. */
    public void flush() {
        commits.flush();
    }

    /**
     * The database will never take this state: rather than fail every cycle with no event, say so once (an error
     * event of its own, which stores), and go on from the new state in memory. Returns false when even that
     * could not be recorded, so the next cycle tries again.
     */
    private boolean reportUnstorable(TaskChange change, TaskMemory after, StateStoreException e) {
        LOG.error("The state database refuses the state of {} for good; reported once: {}", change.ref(),
                e.getMessage());
        try {
            String problem = PollFailure.excerpt(e.getMessage());
            store.recordEvent(events.unstorable(errorsTopic, change.ref(), after.run(), problem, clock.instant()));
            return true;
        } catch (StateStoreException again) {
            LOG.error("Could not record that {} cannot be stored: {}", change.ref(), again.getMessage());
            return false;
        }
    }

    private void remember(TaskChange change, TaskMemory after, Boolean unwatch) {
        if (Boolean.TRUE.equals(unwatch)) {
            LOG.warn("Task {} does not exist; it leaves the watch list", change.ref());
            watchList.unwatch(change.ref());
        } else {
            watchList.remember(change.ref(), after);
        }
    }
}
