package io.github.modelarts.taskevents.discover;

import io.github.modelarts.taskevents.task.TaskRef;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tasks this cycle's listings answered for, which are therefore not fetched again by GET in the same
 * cycle, and those a listing showed but could not describe well enough, which are fetched even if not due.
 */
public final class CycleCoverage {
    private final Set<TaskRef> claimed = ConcurrentHashMap.newKeySet();
    private final Set<TaskRef> toFetch = ConcurrentHashMap.newKeySet();

    void startCycle() {
        claimed.clear();
        toFetch.clear();
    }

    /** True for the first listing of this cycle to show {@code ref}: only that one answers for it. */
    boolean claim(TaskRef ref) {
        return claimed.add(ref);
    }

    void fetchInstead(TaskRef ref) {
        toFetch.add(ref);
    }

    /** The poll-cycle step after {@code watchList.dueTasks}: due tasks no listing answered for, and the fallbacks. */
    public List<TaskRef> stillToFetch(List<TaskRef> due) {
        Set<TaskRef> fetch = new LinkedHashSet<>(due);
        fetch.removeAll(claimed);
        fetch.addAll(toFetch);
        return List.copyOf(fetch);
    }
}
