package io.github.modelarts.taskevents.task.model;

import java.util.List;

/**
 * A task's result (docs/modelarts-api.md#fields-read). {@code dataset_type} is a string holding a number, as the
 * API sends it; undocumented fields such as {@code continuity} are ignored here and kept in
 * {@link ReceivedResult#asReceived()}, which an event carries.
 */
public record TaskResult(
        Integer annotatedSampleCount,
        String confidenceScope,
        String datasetName,
        String datasetType,
        String description,
        String dlfModelJobName,
        String dlfServiceJobName,
        String dlfTrainJobName,
        List<ResultEvent> events,
        String hardExamplePath,
        List<HardSelectTask> hardSelectTasks,
        String manifestPath,
        String modelId,
        String modelName,
        String modelVersion,
        List<SampleLabels> samples,
        String serviceId,
        String serviceName,
        String serviceResource,
        Integer totalSampleCount,
        String trainDataPath,
        String trainJobId,
        String trainJobName,
        Integer unconfirmedSampleCount,
        String versionId,
        String versionName,
        String workspaceId) {

    /** A step of the task's run; {@code status} is waiting, running, failed or success. */
    public record ResultEvent(
            Long createTime,
            String description,
            Long elapsedTime,
            String errorCode,
            String errorMessage,
            List<ResultEvent> events,
            Integer level,
            String name,
            Integer ordinal,
            String parentName,
            String status) {
    }

    /** A hard-example selection task of a pre-label run. */
    public record HardSelectTask(
            Long createAt,
            String datasetId,
            String datasetName,
            String hardSelectTaskId,
            String taskStatus,
            Long time,
            Long updateAt) {
    }
}
