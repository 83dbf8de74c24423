package io.github.modelarts.taskevents.simulator;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/** The simulated datasets. A dataset exists from its first task on, also after its tasks are removed. */
final class TaskStore {
    private final ConcurrentHashMap<String, DatasetTasks> datasets = new ConcurrentHashMap<>();

    void put(String datasetId, SimulatedTask task) {
        datasets.computeIfAbsent(datasetId, id -> new DatasetTasks()).put(task);
    }

    /** The dataset, or null when it does not exist. */
    DatasetTasks dataset(String datasetId) {
        return datasets.get(datasetId);
    }

    boolean update(String datasetId, String taskId, UnaryOperator<SimulatedTask> change) {
        DatasetTasks tasks = datasets.get(datasetId);
        return tasks != null && tasks.update(taskId, change);
    }

    boolean remove(String datasetId, String taskId) {
        DatasetTasks tasks = datasets.get(datasetId);
        return tasks != null && tasks.remove(taskId);
    }
}
