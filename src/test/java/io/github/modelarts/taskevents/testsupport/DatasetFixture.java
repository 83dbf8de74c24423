package io.github.modelarts.taskevents.testsupport;

import static io.github.modelarts.taskevents.testsupport.TaskBodies.failed;
import static io.github.modelarts.taskevents.testsupport.TaskBodies.task;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.modelarts.taskevents.simulator.ModelArtsSimulator;
import io.github.modelarts.taskevents.simulator.TaskType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/** Fills a simulated dataset with many tasks of each type, for discovery's paging and request counts. */
public final class DatasetFixture {
    /** Every row of the contract table: three terminal statuses, three still going (one of them unknown). */
    public static final IntFunction<ObjectNode> EVERY_STATUS = i -> row(i, i % 6);
    /** Every row, and every seventh task without a status, which only its own GET can tell about. */
    public static final IntFunction<ObjectNode> EVERY_KIND = i -> i % 7 == 6 ? withoutStatus(task(id(i), 1, null))
            : row(i, i % 7);
    public static final IntFunction<ObjectNode> RUNNING = i -> task(id(i), 1, "ModelArts.4902");

    private DatasetFixture() {
    }

    /**
     * Puts {@code counts[0]} auto-label, {@code counts[1]} pre-label and {@code counts[2]} auto-grouping tasks,
     * numbered on from 0; returns their {@code dataset_id/task_id} pairs.
     */
    public static List<String> put(ModelArtsSimulator simulator, String datasetId, IntFunction<ObjectNode> kind,
                                   int... counts) {
        List<String> pairs = new ArrayList<>();
        int next = 0;
        for (int type = 0; type < counts.length; type++) {
            for (int end = next + counts[type]; next < end; next++) {
                ObjectNode body = kind.apply(next);
                simulator.putTimeline(datasetId, TaskType.values()[type], body, List.of());
                pairs.add(datasetId + "/" + body.get("task_id").asText());
            }
        }
        return pairs;
    }

    private static ObjectNode row(int i, int row) {
        return switch (row) {
            case 0 -> task(id(i), 3, "ModelArts.4996");
            case 1 -> failed(id(i), "ModelArts.4917", "Failed to execute the auto labeling task.");
            case 2 -> task(id(i), 5, "ModelArts.4393");
            case 3 -> task(id(i), 1, "ModelArts.4902");
            case 4 -> task(id(i), -1, null);
            default -> task(id(i), 9, "ModelArts.4902");
        };
    }

    private static String id(int i) {
        return "task" + i;
    }

    private static ObjectNode withoutStatus(ObjectNode task) {
        task.remove("status");
        return task;
    }
}
