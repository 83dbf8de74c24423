package io.github.modelarts.taskevents.bench;

import io.github.modelarts.taskevents.simulator.ModelArtsSimulator;
import io.github.modelarts.taskevents.simulator.Step;
import io.github.modelarts.taskevents.simulator.TaskType;
import io.github.modelarts.taskevents.task.TaskRef;
import io.github.modelarts.taskevents.testsupport.TaskBodies;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The watched tasks of one run. All are running at first; every {@code flipEvery}-th task is later given a
 * timeline that makes it succeed at a time the benchmark knows, the rest keep running and so are polled
 * every cycle.
 */
final class BenchTasks {
    static final String PROJECT = "bench-project";
    private static final int DATASETS = 10;
    private static final String RUNNING_CODE = "ModelArts.4902";
    private static final Map<String, Object> SUCCEEDED = Map.of("status", 3, "code", "ModelArts.4996",
            "progress", 100.0);

    private final int flipEvery;
    private final List<TaskRef> all;
    private final List<TaskRef> flipping;
    private final Map<String, Long> flipNanos = new ConcurrentHashMap<>();

    BenchTasks(int count, int flipEvery) {
        this.flipEvery = flipEvery;
        // short IDs: 10,000 of them must fit MODELARTS_TASKS into one environment string (128 KiB on Linux)
        this.all = IntStream.range(0, count)
                .mapToObj(i -> new TaskRef("d" + i % DATASETS, String.format("t%05d", i))).toList();
        this.flipping = IntStream.range(0, count).filter(i -> i % flipEvery == 0).mapToObj(all::get).toList();
    }

    List<TaskRef> all() {
        return all;
    }

    List<TaskRef> flipping() {
        return flipping;
    }

    List<String> steadyIds() {
        return IntStream.range(0, all.size()).filter(i -> i % flipEvery != 0).mapToObj(i -> all.get(i).taskId())
                .toList();
    }

    /** The {@code MODELARTS_TASKS} value. */
    String asSetting() {
        return all.stream().map(TaskRef::toString).collect(Collectors.joining(","));
    }

    void putRunning(ModelArtsSimulator simulator) {
        all.forEach(ref -> simulator.putTask(ref.datasetId(), TaskBodies.task(ref.taskId(), 1, RUNNING_CODE)));
    }

    /** From now, the flipping tasks succeed one after another, evenly spread over {@code spreadMs}. */
    void scheduleFlips(ModelArtsSimulator simulator, long spreadMs) {
        for (int i = 0; i < flipping.size(); i++) {
            TaskRef ref = flipping.get(i);
            long afterMs = spreadMs * (2L * i + 1) / (2L * flipping.size());
            long putAt = System.nanoTime();
            simulator.putTimeline(ref.datasetId(), TaskType.AUTO_LABEL, TaskBodies.task(ref.taskId(), 1, RUNNING_CODE),
                    List.of(new Step(afterMs, SUCCEEDED)));
            flipNanos.put(ref.taskId(), putAt + afterMs * 1_000_000);
        }
    }

    /** When the task's status flipped in the simulator, on {@link System#nanoTime()}. */
    long flipNanos(String taskId) {
        return flipNanos.get(taskId);
    }
}
