package io.github.modelarts.taskevents.watch;

import io.github.modelarts.taskevents.task.TaskMemory;
import io.github.modelarts.taskevents.task.TaskRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tasks being watched and what is remembered of each, at most {@code maxWatchedTasks} of them. Every cycle
 * polls the tasks still running; a terminal task is only re-checked every {@code terminalRecheckCycles} cycles
 * (0: never), to catch a new run, and a forbidden one at that rate too, or every 10 cycles when terminal tasks
 * are never re-checked.
 */
public final class WatchList {

    /** One watched task; its memory is replaced whole, so readers never see half an update. */
    public static final class Entry {
        private final TaskRef ref;
        private final WatchSource source;
        private volatile TaskMemory memory;
        private volatile long checkedInCycle;

        Entry(TaskRef ref, WatchSource source, TaskMemory memory) {
            this.ref = ref;
            this.source = source;
            this.memory = memory;
        }

        public TaskRef ref() {
            return ref;
        }

        public WatchSource source() {
            return source;
        }

        public TaskMemory memory() {
            return memory;
        }
    }

    private static final Comparator<Entry> LEAST_RECENTLY_POLLED = Comparator.comparing(
            (Entry e) -> e.memory.lastPollAt(), Comparator.nullsFirst(Comparator.naturalOrder()));

    /**
     * The forbidden task's rate when terminal ones are never re-checked, the default of TERMINAL_RECHECK_CYCLES:
     * a permission granted later must still be noticed, or the task would never be polled again.
     */
    private static final int FORBIDDEN_RECHECK_CYCLES = 10;

    private final Map<TaskRef, Entry> entries = new ConcurrentHashMap<>();
    private final int terminalRecheckCycles;
    private final int forbiddenRecheckCycles;
    private final int maxWatchedTasks;
    private long cycle;

    public WatchList(int terminalRecheckCycles, int maxWatchedTasks) {
        this.terminalRecheckCycles = terminalRecheckCycles;
        this.forbiddenRecheckCycles = terminalRecheckCycles > 0 ? terminalRecheckCycles : FORBIDDEN_RECHECK_CYCLES;
        this.maxWatchedTasks = maxWatchedTasks;
    }

    /**
     * Starts watching {@code ref} unless it is watched already. Returns whether it is watched now: false when the
     * list is full. Synchronized, so that joins from several threads never take the list past its limit.
     */
    public synchronized boolean watch(TaskRef ref, WatchSource source, TaskMemory memory) {
        if (entries.containsKey(ref)) {
            return true;
        }
        if (!hasRoom()) {
            return false;
        }
        entries.put(ref, new Entry(ref, source, memory));
        return true;
    }

    public boolean hasRoom() {
        return entries.size() < maxWatchedTasks;
    }

    public int maxWatchedTasks() {
        return maxWatchedTasks;
    }

    public void unwatch(TaskRef ref) {
        entries.remove(ref);
    }

    /** Stops watching {@code ref} if that is the reason it joined for; a static task, say, stays. */
    public void unwatch(TaskRef ref, WatchSource joinedAs) {
        entries.computeIfPresent(ref, (key, entry) -> entry.source == joinedAs ? null : entry);
    }

    public boolean isWatched(TaskRef ref) {
        return entries.containsKey(ref);
    }

    /** The tasks to poll in the cycle that starts now, least recently polled first. */
    public synchronized List<TaskRef> dueTasks() {
        cycle++;
        List<Entry> due = new ArrayList<>();
        for (Entry entry : entries.values()) {
            int recheckCycles = entry.memory.forbidden() ? forbiddenRecheckCycles : terminalRecheckCycles;
            boolean recheck = recheckCycles > 0 && cycle - entry.checkedInCycle >= recheckCycles;
            if (entry.memory.pollsEveryCycle() || recheck) {
                entry.checkedInCycle = cycle;
                due.add(entry);
            }
        }
        due.sort(LEAST_RECENTLY_POLLED);
        return due.stream().map(Entry::ref).toList();
    }

    public TaskMemory memory(TaskRef ref) {
        Entry entry = entries.get(ref);
        return entry == null ? TaskMemory.NEW : entry.memory;
    }

    public void remember(TaskRef ref, TaskMemory memory) {
        Entry entry = entries.get(ref);
        if (entry != null) {
            entry.memory = memory;
        }
    }

    /**
     * Cluster mode, before a cycle: each watched task takes what the shared database holds of it, as another node may
     * have polled it since; the time of its last poll stays this node's own. A task the database says is gone (another
     * node reported it not found) leaves the list, as it did there.
     */
    public void refresh(Map<TaskRef, TaskMemory> stored) {
        for (Entry entry : entries.values()) {
            TaskMemory shared = stored.get(entry.ref);
            if (shared != null && shared.gone()) {
                entries.remove(entry.ref, entry);
            } else if (shared != null) {
                entry.memory = shared.polledAt(entry.memory.lastPollAt());
            }
        }
    }

    /** Every entry, ordered by dataset and task ID. */
    public Collection<Entry> entries() {
        return entries.values().stream()
                .sorted(Comparator.comparing((Entry e) -> e.ref.datasetId()).thenComparing(e -> e.ref.taskId()))
                .toList();
    }
}
