package io.github.modelarts.taskevents.discover;

import io.github.modelarts.taskevents.task.TaskRef;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The tasks this cycle's listings answered for, which are therefore not fetched again by GET in the same
 * cycle, and those a listing showed but could not describe well enough, which are fetched even if not due.
 * <p>
 * A listing may still read its last page while the task polls run (its answer came after discovery's share
 * of the budget): it then answers only for tasks the cycle does not fetch, so that no task is classified twice
 * in a cycle, and what it leaves to a GET waits for the task's next turn.
 */
public final class CycleCoverage {
    private final Set<TaskRef> claimed = new HashSet<>();
    private final Set<TaskRef> toFetch = new HashSet<>();
    private Set<TaskRef> fetching = Set.of();

    synchronized void startCycle() {
        claimed.clear();
        toFetch.clear();
        fetching = Set.of();
    }

    /** True for the first listing of this cycle to show {@code ref} while it is not fetched: it answers for it. */
    synchronized boolean claim(TaskRef ref) {
        return !fetching.contains(ref) && claimed.add(ref);
    }

    synchronized void fetchInstead(TaskRef ref) {
        toFetch.add(ref);
    }

    /** The poll-cycle step after {@code watchList.dueTasks}: due tasks no listing answered for, and the fallbacks. */
    public synchronized List<TaskRef> stillToFetch(List<TaskRef> due) {
        Set<TaskRef> fetch = new LinkedHashSet<>(due);
        fetch.removeAll(claimed);
        fetch.addAll(toFetch);
        fetching = fetch;
        return List.copyOf(fetch);
    }
}
