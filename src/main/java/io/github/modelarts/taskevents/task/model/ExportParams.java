package io.github.modelarts.taskevents.task.model;

import java.util.List;

/** Dataset export parameters (domain reference §1.3). */
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
