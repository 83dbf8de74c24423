package io.github.modelarts.taskevents.task.model;

/**
 * Answer of {@code GET /v2/{project_id}/datasets/{dataset_id}/tasks/{task_id}} (docs/modelarts-api.md#task-detail).
 * Field names map to the API's snake_case by the shared mapper in {@link TaskJson}.
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
        TaskResult result,
        Integer status,
        String taskId,
        String taskName,
        Integer exportType) {
}
