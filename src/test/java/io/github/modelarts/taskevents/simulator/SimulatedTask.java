package io.github.modelarts.taskevents.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.List;

/**
 * A task as a timeline: its base body and the body after each step. Every state is serialized
 * once, up front, so a GET only picks the bytes for "now"; keeping bytes rather than JSON trees
 * also keeps 10,000 timelines small.
 */
final class SimulatedTask {
    private final String taskId;
    private final TaskType type;
    private final long startMillis;
    private final List<Step> steps;
    /** The base body, then the body after each step. */
    private final byte[][] bodies;

    private SimulatedTask(String taskId, TaskType type, ObjectNode base, List<Step> steps, long startMillis) {
        this.taskId = taskId;
        this.type = type;
        this.startMillis = startMillis;
        this.steps = steps.stream().sorted(Comparator.comparingLong(Step::afterMs)).toList();
        this.bodies = new byte[this.steps.size() + 1][];
        ObjectNode state = base;
        bodies[0] = Json.bytes(state);
        for (int i = 0; i < this.steps.size(); i++) {
            state = Json.merged(state, Json.object(this.steps.get(i).set()));
            bodies[i + 1] = Json.bytes(state);
        }
    }

    static SimulatedTask of(TaskType type, ObjectNode base, List<Step> steps, long startMillis) {
        if (!base.path("task_id").isTextual() || base.get("task_id").asText().isEmpty()) {
            throw new IllegalArgumentException("the task body needs a task_id: " + base);
        }
        return new SimulatedTask(base.get("task_id").asText(), type, base, steps, startMillis);
    }

    String taskId() {
        return taskId;
    }

    TaskType type() {
        return type;
    }

    byte[] bodyAt(long nowMillis) {
        return bodies[stepsPassed(nowMillis)];
    }

    /** The body at {@code nowMillis} as a fresh tree, the caller's to change. */
    ObjectNode stateAt(long nowMillis) {
        return Json.object(bodyAt(nowMillis));
    }

    /**
     * This task with {@code fields} set now. Steps still to come keep their times, so a test can
     * change a task in the middle of its timeline.
     */
    SimulatedTask withFieldsAt(long nowMillis, ObjectNode fields) {
        int passed = stepsPassed(nowMillis);
        ObjectNode base = Json.merged(stateAt(nowMillis), fields);
        return new SimulatedTask(taskId, type, base, steps.subList(passed, steps.size()), startMillis);
    }

    private int stepsPassed(long nowMillis) {
        long elapsed = nowMillis - startMillis;
        int passed = 0;
        while (passed < steps.size() && steps.get(passed).afterMs() <= elapsed) {
            passed++;
        }
        return passed;
    }
}
