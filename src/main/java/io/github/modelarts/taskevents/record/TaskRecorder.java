package io.github.modelarts.taskevents.record;

import io.github.modelarts.taskevents.classify.TaskChange;
import io.github.modelarts.taskevents.event.TaskEvent;
import io.github.modelarts.taskevents.state.StateStore;
import io.github.modelarts.taskevents.state.StateStoreException;
import io.github.modelarts.taskevents.task.TaskMemory;
import io.github.modelarts.taskevents.watch.WatchList;
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
    private final WatchList watchList;

    public TaskRecorder(StateStore store, WatchList watchList) {
        this.store = store;
        this.watchList = watchList;
    }

    /**
     * A route step: the change in the variable {@code change}, its event (if any) in {@code event}; {@code unwatch}
     * when the task no longer exists.
     */
    public void record(@Variable("change") TaskChange change, @Variable("event") TaskEvent event,
                       @Variable("unwatch") Boolean unwatch) {
        TaskMemory after = event == null ? change.after() : change.after().published(event.type(), event.time());
        if (event != null || after.durablyDiffersFrom(change.before())) {
            try {
                store.record(change.ref(), after, Optional.ofNullable(event));
            } catch (StateStoreException e) {
                LOG.error("Could not record {}; it will be decided again next cycle: {}", change.ref(),
                        e.getMessage());
                return;
            }
        }
        if (Boolean.TRUE.equals(unwatch)) {
            LOG.warn("Task {} does not exist; it leaves the watch list", change.ref());
            watchList.unwatch(change.ref());
        } else {
            watchList.remember(change.ref(), after);
        }
    }
}
