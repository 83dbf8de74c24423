package io.github.modelarts.taskevents.task.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Labeling information of one sample, in a task's {@code config} or {@code result}; no event reads it. */
public record SampleLabels(
        List<SampleLabel> labels,
        SampleMetadata metadata,
        String sampleId,
        Integer sampleType,
        String sampleUsage,
        String source,
        String workerId) {

    /** One label of a sample. */
    public record SampleLabel(
            String annotatedBy, String id, String name, SampleLabelProperty property, Double score, Integer type) {
    }

    /** Label attributes; the API prefixes every key with {@code @modelarts:}. */
    public record SampleLabelProperty(
            @JsonProperty("@modelarts:content") String content,
            @JsonProperty("@modelarts:end_index") Integer endIndex,
            @JsonProperty("@modelarts:end_time") String endTime,
            @JsonProperty("@modelarts:feature") JsonNode feature,
            @JsonProperty("@modelarts:from") String from,
            @JsonProperty("@modelarts:hard") String hard,
            @JsonProperty("@modelarts:hard_coefficient") String hardCoefficient,
            @JsonProperty("@modelarts:hard_reasons") String hardReasons,
            @JsonProperty("@modelarts:shape") String shape,
            @JsonProperty("@modelarts:source") String source,
            @JsonProperty("@modelarts:start_index") Integer startIndex,
            @JsonProperty("@modelarts:start_time") String startTime,
            @JsonProperty("@modelarts:to") String to) {
    }

    /** Sample metadata; {@code @modelarts:size} is [width, height] or [width, height, depth]. */
    public record SampleMetadata(
            @JsonProperty("@modelarts:import_origin") Integer importOrigin,
            @JsonProperty("@modelarts:hard") Double hard,
            @JsonProperty("@modelarts:hard_coefficient") Double hardCoefficient,
            @JsonProperty("@modelarts:hard_reasons") List<Integer> hardReasons,
            @JsonProperty("@modelarts:size") List<Integer> size) {
    }
}
