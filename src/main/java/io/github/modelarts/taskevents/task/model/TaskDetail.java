package io.github.modelarts.taskevents.task.model;

/**
 * Answer of {@code GET /v2/{project_id}/datasets/{dataset_id}/tasks/{task_id}} (docs/modelarts-api.md#task-detail).
 * Field names map to the API's snake_case by the shared mapper in {@link TaskJson}; {@code result} is kept
 * as received besides its typed fields.
 */
public record TaskDetail(
        String code,
        SmartTaskConfig config,
        String createTime,
        Long elapsedTime,
        String errorCode,
        String errorDetail,
        String errorMsg,
        String message,
        Double progress,
        String resourceId,
        ReceivedResult result,
        Integer status,
        String taskId,
        String taskName,
        Integer exportType) {

    /** The same task with another {@code result}. */
    public TaskDetail withResult(ReceivedResult replaced) {
        return new TaskDetail(code, config, createTime, elapsedTime, errorCode, errorDetail, errorMsg, message,
                progress, resourceId, replaced, status, taskId, taskName, exportType);
    }
}
