package io.github.modelarts.taskevents.testsupport;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.modelarts.taskevents.task.model.TaskJson;

/** Task bodies as the API sends them (docs/modelarts-api.md#task-detail), for putting into the simulator. */
public final class TaskBodies {
    public static final String CREATED = "2026-11-27 09:00:00";

    private TaskBodies() {
    }

    public static ObjectNode task(String taskId, int status, String code) {
        ObjectNode task = TaskJson.MAPPER.createObjectNode();
        task.put("task_id", taskId);
        task.put("task_name", "name-" + taskId);
        task.put("create_time", CREATED);
        task.put("status", status);
        task.put("code", code);
        task.put("message", "message of " + taskId);
        task.put("progress", status == 3 ? 100.0 : 40.0);
        task.put("elapsed_time", 120);
        ObjectNode result = task.putObject("result");
        result.put("total_sample_count", 246);
        result.put("annotated_sample_count", 38);
        result.put("unconfirmed_sample_count", 198);
        return task;
    }

    public static ObjectNode failed(String taskId, String errorCode, String errorMsg) {
        ObjectNode task = task(taskId, 2, errorCode);
        task.put("error_code", errorCode);
        task.put("error_msg", errorMsg);
        task.put("error_detail", "detail of " + taskId);
        return task;
    }
}
