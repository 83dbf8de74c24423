package io.github.modelarts.taskevents.simulator;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.UnaryOperator;

/**
 * One dataset's tasks in insertion order, which the list API pages through. Reads are lock-free;
 * the rare writes are synchronized so the id index and the ordered view never disagree.
 */
final class DatasetTasks {
    private final ConcurrentHashMap<String, Long> positionById = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<Long, SimulatedTask> byPosition = new ConcurrentSkipListMap<>();
    private long nextPosition;

    SimulatedTask get(String taskId) {
        Long position = positionById.get(taskId);
        return position == null ? null : byPosition.get(position);
    }

    /** Adds the task, or replaces it in place so a replaced task keeps its list position. */
    synchronized void put(SimulatedTask task) {
        Long position = positionById.computeIfAbsent(task.taskId(), id -> nextPosition++);
        byPosition.put(position, task);
    }

    synchronized boolean update(String taskId, UnaryOperator<SimulatedTask> change) {
        Long position = positionById.get(taskId);
        if (position == null) {
            return false;
        }
        byPosition.put(position, change.apply(byPosition.get(position)));
        return true;
    }

    synchronized boolean remove(String taskId) {
        Long position = positionById.remove(taskId);
        return position != null && byPosition.remove(position) != null;
    }

    /** A live, weakly consistent view in insertion order. */
    Collection<SimulatedTask> inOrder() {
        return byPosition.values();
    }
}
