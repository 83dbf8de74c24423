package io.github.modelarts.taskevents.task.model;

import java.util.List;

/** A task's configuration, read by no event. {@code algorithm_type} is text: the API also sends "supervisory". */
public record SmartTaskConfig(
        String algorithmType,
        Boolean ambiguity,
        String annotationOutput,
        String collectRule,
        Boolean collectSample,
        String confidenceScope,
        String description,
        String engineName,
        Integer exportFormat,
        ExportParams exportParams,
        Flavor flavor,
        Boolean imageBrightness,
        Boolean imageColorfulness,
        String infClusterId,
        List<InfConfig> infConfigList,
        String infOutput,
        String inferResultOutputDir,
        String keySampleOutput,
        String logUrl,
        String manifestPath,
        String modelId,
        String modelName,
        String modelParameter,
        String modelVersion,
        Integer nClusters,
        String name,
        String outputDir,
        List<TrainingParameter> parameters,
        String poolId,
        String property,
        String reqUri,
        Integer resultType,
        List<SampleLabels> samples,
        Integer stopTime,
        String time,
        String trainDataPath,
        String trainUrl,
        String versionFormat,
        Integer workerServerNum) {

    /** Training resource flavor. */
    public record Flavor(String code) {
    }

    /** One running parameter of the training job. */
    public record TrainingParameter(String label, String value) {
    }
}
