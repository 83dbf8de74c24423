package io.github.modelarts.taskevents.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Builds one page of the list API: each task as the documented RunningTask, paged by page index. */
final class TaskListPage {
    private static final List<String> COUNTS =
            List.of("total_sample_count", "annotated_sample_count", "unconfirmed_sample_count");

    private TaskListPage() {
    }

    static ObjectNode build(String datasetId, DatasetTasks tasks, ListQuery query, long nowMillis) {
        ArrayNode page = Json.MAPPER.createArrayNode();
        long first = query.firstIndex();
        long matching = 0;
        for (SimulatedTask task : tasks.inOrder()) {
            if (query.types().contains(task.type())) {
                if (matching >= first && page.size() < query.limit()) {
                    page.add(runningTask(datasetId, task, nowMillis));
                }
                matching++;
            }
        }
        ObjectNode response = Json.MAPPER.createObjectNode();
        response.set("tasks", page);
        response.put("total_count", matching);
        response.put("exist_running_deploy_task", false);
        return response;
    }

    /** The task body plus dataset_id, the integer type and the result counts copied to the top. */
    private static ObjectNode runningTask(String datasetId, SimulatedTask task, long nowMillis) {
        ObjectNode running = task.stateAt(nowMillis);
        running.put("dataset_id", datasetId);
        running.put("type", task.type().code());
        JsonNode result = running.path("result");
        for (String count : COUNTS) {
            if (result.has(count)) {
                running.set(count, result.get(count));
            }
        }
        return running;
    }
}
