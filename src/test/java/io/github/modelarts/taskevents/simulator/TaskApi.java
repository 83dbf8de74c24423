package io.github.modelarts.taskevents.simulator;

import java.util.Map;
import java.util.function.LongSupplier;

/** Answers the task detail and task list calls from the store, with ModelArts' own error bodies. */
final class TaskApi {
    // the gateway answers paths it does not know; it documents no code for a wrong method, so 405 reuses it
    private static final String UNKNOWN_API_CODE = "APIG.0101";
    private static final String UNKNOWN_API_MSG = "The API does not exist or has not been published in the environment";

    private final String projectId;
    private final TaskStore store;
    private final LongSupplier clock;

    TaskApi(String projectId, TaskStore store, LongSupplier clock) {
        this.projectId = projectId;
        this.store = store;
        this.clock = clock;
    }

    SimulatorResponse answer(String method, RequestPath path, String rawQuery) {
        if (path.kind() == RequestKind.OTHER) {
            return SimulatorResponse.error(404, UNKNOWN_API_CODE, UNKNOWN_API_MSG);
        }
        if (!"GET".equals(method)) {
            return SimulatorResponse.error(405, UNKNOWN_API_CODE, UNKNOWN_API_MSG).withHeader("Allow", "GET");
        }
        if (!projectId.equals(path.projectId())) {
            return SimulatorResponse.error(403, "ModelArts.0210",
                    "The project ID in the URL does not match the project of the token.");
        }
        DatasetTasks tasks = store.dataset(path.datasetId());
        if (tasks == null) {
            return SimulatorResponse.error(400, "ModelArts.4352", "Dataset does not exist");
        }
        return path.kind() == RequestKind.TASK ? task(tasks, path.taskId()) : list(tasks, path, rawQuery);
    }

    private SimulatorResponse task(DatasetTasks tasks, String taskId) {
        SimulatedTask task = tasks.get(taskId);
        if (task == null) {
            return SimulatorResponse.error(400, "ModelArts.4612", "Task does not exist");
        }
        return new SimulatorResponse(200, SimulatorResponse.JSON, Map.of(), task.bodyAt(clock.getAsLong()));
    }

    private SimulatorResponse list(DatasetTasks tasks, RequestPath path, String rawQuery) {
        ListQuery query;
        try {
            query = ListQuery.parse(rawQuery);
        } catch (IllegalArgumentException e) {
            return SimulatorResponse.error(400, "ModelArts.0104", "Parameter error: " + e.getMessage());
        }
        var page = TaskListPage.build(path.datasetId(), tasks, query, clock.getAsLong());
        return new SimulatorResponse(200, SimulatorResponse.JSON, Map.of(), Json.bytes(page));
    }
}
