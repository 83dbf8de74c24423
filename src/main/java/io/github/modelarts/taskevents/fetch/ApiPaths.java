package io.github.modelarts.taskevents.fetch;

import io.github.modelarts.taskevents.task.TaskRef;
import org.apache.camel.Variable;

/**
 * The path of a task's GET, for camel-http's {@code CamelHttpPath} on the one static endpoint of
 * routes/fetch-modelarts.camel.yaml: a {@code toD} per task parsed a new endpoint URI for every poll.
 */
public final class ApiPaths {
    private final String tasksOfProject;

    public ApiPaths(String projectId) {
        this.tasksOfProject = "/v2/" + projectId + "/datasets/";
    }

    /** A route expression: {@code /v2/{project_id}/datasets/{dataset_id}/tasks/{task_id}} of the variable {@code task}. */
    public String task(@Variable("task") TaskRef task) {
        return tasksOfProject + task.datasetId() + "/tasks/" + task.taskId();
    }
}
