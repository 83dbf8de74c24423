package io.github.modelarts.taskevents.task.model;

import java.util.List;

/** Dataset export parameters of a task's {@code config.export_params}; no event reads them. */
public record ExportParams(
        Boolean clearHardProperty,
        String exportDatasetVersionFormat,
        String exportDatasetVersionName,
        String exportDest,
        String exportNewDatasetName,
        String exportNewDatasetWorkPath,
        Boolean ratioSampleUsage,
        String sampleState,
        List<String> samples,
        List<SearchCondition> searchConditions,
        String trainSampleRatio) {
}
