package io.github.modelarts.taskevents.cluster;

import io.github.modelarts.taskevents.state.StateStore;
import io.github.modelarts.taskevents.task.TaskMemory;
import io.github.modelarts.taskevents.task.TaskRef;
import io.github.modelarts.taskevents.watch.RequestedWatches;
import io.github.modelarts.taskevents.watch.WatchList;
import java.util.Map;

/**
 * Cluster mode: before each cycle Quartz gives this node, the watch list takes up the shared state, since the
 * cycles before may have run on other nodes: each task's state and failure streak, and the watch requests applied
 * by any node. One read of the task states serves both. A single instance is the only writer, so it reads nothing.
 */
public final class SharedState {
    private final boolean clustered;
    private final StateStore store;
    private final WatchList watchList;
    private final RequestedWatches requested;

    public SharedState(boolean clustered, StateStore store, WatchList watchList, RequestedWatches requested) {
        this.clustered = clustered;
        this.store = store;
        this.watchList = watchList;
        this.requested = requested;
    }

    /** A route step, before the cycle. */
    public void refresh() {
        if (!clustered) {
            return;
        }
        Map<TaskRef, TaskMemory> stored = store.loadTasks();
        requested.reload(stored);
        watchList.refresh(stored);
    }
}
