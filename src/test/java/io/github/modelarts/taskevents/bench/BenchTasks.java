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
 * timeline that makes it succeed at a time the benchmark knows, the rest keep running and so are polled every
 * cycle. During the warm-up, every {@code flipEvery}-th from the middle moves on to another running code.
 */
final class BenchTasks {
    static final String PROJECT = "bench-project";
    /** The list API's largest page, which the route asks for. */
    private static final int PAGE = 100;
    private static final String RUNNING_CODE = "ModelArts.4902";
    private static final Map<String, Object> SUCCEEDED = Map.of("status", 3, "code", "ModelArts.4996",
            "progress", 100.0);
    private static final Map<String, Object> RUNNING_ON = Map.of("status", 1, "code", "ModelArts.4904",
            "progress", 50.0);

    private final int flipEvery;
    private final int datasets;
    private final List<TaskRef> all;
    private final List<TaskRef> flipping;
    private final List<TaskRef> warmUpFlipping;
    private final Map<String, Long> flipNanos = new ConcurrentHashMap<>();

    BenchTasks(int count, int flipEvery, int datasets) {
        this.flipEvery = flipEvery;
        this.datasets = datasets;
        // short IDs: 10,000 of them must fit MODELARTS_TASKS into one environment string (128 KiB on Linux)
        this.all = IntStream.range(0, count)
                .mapToObj(i -> new TaskRef("d" + i % datasets, String.format("t%05d", i))).toList();
        this.flipping = IntStream.range(0, count).filter(i -> i % flipEvery == 0).mapToObj(all::get).toList();
        this.warmUpFlipping = IntStream.range(0, count).filter(i -> i % flipEvery == flipEvery / 2)
                .mapToObj(all::get).toList();
    }

    List<TaskRef> all() {
        return all;
    }

    List<TaskRef> flipping() {
        return flipping;
    }

    /** Each steady task (one that never ends) is read by its own GET: one read per request. */
    Map<String, Integer> steadyReadsByTask() {
        return IntStream.range(0, all.size()).filter(this::steady).boxed()
                .collect(Collectors.toMap(i -> RequestLog.taskKey(all.get(i).taskId()), i -> 1));
    }

    /**
     * The steady tasks each auto-label list page answers for. A dataset lists its tasks in insertion order:
     * task {@code i} is the {@code i / datasets}-th of dataset {@code i % datasets}.
     */
    Map<String, Integer> steadyReadsByListPage() {
        return IntStream.range(0, all.size()).filter(this::steady).boxed()
                .collect(Collectors.toMap(i -> RequestLog.pageKey(all.get(i).datasetId(), TaskType.AUTO_LABEL,
                        i / datasets / PAGE), i -> 1, Integer::sum));
    }

    private boolean steady(int index) {
        return index % flipEvery != 0;
    }

    /** The {@code MODELARTS_TASKS} value. */
    String asSetting() {
        return all.stream().map(TaskRef::toString).collect(Collectors.joining(","));
    }

    /** The {@code MODELARTS_DATASETS} value: every dataset that holds a task. */
    String datasetsSetting() {
        return all.stream().map(TaskRef::datasetId).distinct().collect(Collectors.joining(","));
    }

    void putRunning(ModelArtsSimulator simulator) {
        // putTask lists a task as auto-label, the type steadyReadsByListPage counts
        all.forEach(ref -> simulator.putTask(ref.datasetId(), TaskBodies.task(ref.taskId(), 1, RUNNING_CODE)));
    }

    /** From now, the flipping tasks succeed one after another, evenly spread over {@code spreadMs}. */
    void scheduleFlips(ModelArtsSimulator simulator, long spreadMs) {
        schedule(simulator, flipping, SUCCEEDED, spreadMs, flipNanos);
    }

    /**
     * From now, the warm-up's share moves on to another running code, spread over {@code spreadMs}: so that a side
     * has recorded and sent events (and its JIT compiled that way) before the window, as it has polled. They stay
     * running, so both sides poll them every cycle, as before.
     */
    void scheduleWarmUpChanges(ModelArtsSimulator simulator, long spreadMs) {
        schedule(simulator, warmUpFlipping, RUNNING_ON, spreadMs, new ConcurrentHashMap<>());
    }

    private static void schedule(ModelArtsSimulator simulator, List<TaskRef> tasks, Map<String, Object> change,
                                 long spreadMs, Map<String, Long> flipNanos) {
        for (int i = 0; i < tasks.size(); i++) {
            TaskRef ref = tasks.get(i);
            long afterMs = spreadMs * (2L * i + 1) / (2L * tasks.size());
            long putAt = System.nanoTime();
            simulator.putTimeline(ref.datasetId(), TaskType.AUTO_LABEL, TaskBodies.task(ref.taskId(), 1, RUNNING_CODE),
                    List.of(new Step(afterMs, change)));
            flipNanos.put(ref.taskId(), putAt + afterMs * 1_000_000);
        }
    }

    /** When the task's status flipped in the simulator, on {@link System#nanoTime()}. */
    long flipNanos(String taskId) {
        return flipNanos.get(taskId);
    }
}
