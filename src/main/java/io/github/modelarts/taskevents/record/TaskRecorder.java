package io.github.modelarts.taskevents.record;

import io.github.modelarts.taskevents.classify.Decision;
import io.github.modelarts.taskevents.state.StateStore;
import io.github.modelarts.taskevents.state.StateStoreException;
import io.github.modelarts.taskevents.watch.WatchList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The remember stage: makes a decision durable (task state and outbox event in one transaction), then
 * updates the watch list. If the database refuses, the in-memory state is left as it was, so the next
 * poll decides again and nothing is lost.
 */
public final class TaskRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(TaskRecorder.class);

    private final StateStore store;
    private final WatchList watchList;

    public TaskRecorder(StateStore store, WatchList watchList) {
        this.store = store;
        this.watchList = watchList;
    }

    public void remember(Decision decision) {
        if (decision.event().isPresent() || decision.after().durablyDiffersFrom(decision.before())) {
            try {
                store.record(decision.ref(), decision.after(), decision.event());
            } catch (StateStoreException e) {
                LOG.error("Could not record {}; it will be decided again next cycle: {}", decision.ref(),
                        e.getMessage());
                return;
            }
        }
        if (decision.unwatch()) {
            LOG.warn("Task {} does not exist; it leaves the watch list", decision.ref());
            watchList.unwatch(decision.ref());
        } else {
            watchList.remember(decision.ref(), decision.after());
        }
    }
}
