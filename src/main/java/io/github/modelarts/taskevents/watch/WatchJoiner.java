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
 * A full watch list refuses them: a task already watched is never dropped to make room.
 */
public final class WatchJoiner {
    private final WatchList watchList;
    private final StateStore store;

    public WatchJoiner(WatchList watchList, StateStore store) {
        this.watchList = watchList;
        this.store = store;
    }

    /** Joins one task, reading only its own remembered state; false when the watch list has no room for it. */
    public boolean join(TaskRef ref, WatchSource source) {
        if (watchList.isWatched(ref)) {
            return true;
        }
        return watchList.hasRoom() && watchList.watch(ref, source, store.loadTask(ref));
    }

    /**
     * Joins the refs not watched yet; the remembered states are read once, and only when one may join. Returns
     * the refs refused for want of room.
     */
    public List<TaskRef> joinAll(Collection<TaskRef> refs, WatchSource source) {
        List<TaskRef> joining = refs.stream().filter(ref -> !watchList.isWatched(ref)).toList();
        if (joining.isEmpty() || !watchList.hasRoom()) {
            return joining;
        }
        Map<TaskRef, TaskMemory> remembered = store.loadTasks();
        return joining.stream()
                .filter(ref -> !watchList.watch(ref, source, remembered.getOrDefault(ref, TaskMemory.NEW)))
                .toList();
    }
}
