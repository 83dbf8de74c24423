package io.github.modelarts.taskevents.watch;

import io.github.modelarts.taskevents.state.StateStore;
import io.github.modelarts.taskevents.task.TaskMemory;
import io.github.modelarts.taskevents.task.TaskRef;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Adds tasks to the watch list with what the state database remembers of them, so a task whose terminal
 * event went out before a restart, or before it was unwatched, is not published again when it rejoins.
 */
public final class WatchJoiner {
    private final WatchList watchList;
    private final StateStore store;

    public WatchJoiner(WatchList watchList, StateStore store) {
        this.watchList = watchList;
        this.store = store;
    }

    /** Joins the refs not watched yet; the remembered states are read once, and only when one joins. */
    public void joinAll(Collection<TaskRef> refs, WatchSource source) {
        List<TaskRef> joining = refs.stream().filter(ref -> !watchList.isWatched(ref)).toList();
        if (joining.isEmpty()) {
            return;
        }
        Map<TaskRef, TaskMemory> remembered = store.loadTasks();
        joining.forEach(ref -> watchList.watch(ref, source, remembered.getOrDefault(ref, TaskMemory.NEW)));
    }
}
