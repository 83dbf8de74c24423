package io.github.modelarts.taskevents.task.model;

import java.util.List;
import java.util.Map;

/** One export search criterion ({@code export_params.search_conditions}); several are OR-combined. */
public record SearchCondition(
        String coefficient,
        Integer frameInVideo,
        String hard,
        String importOrigin,
        String kvp,
        SearchLabels labelList,
        String labeler,
        SearchProp metadata,
        String parentSampleId,
        String sampleDir,
        String sampleName,
        String sampleTime,
        String score,
        String sliceThickness,
        String studyDate,
        String timeInVideo) {

    /** Label criteria; {@code op} is OR or AND. */
    public record SearchLabels(List<SearchLabel> labels, String op) {
    }

    /** One label criterion with attribute values. */
    public record SearchLabel(String name, String op, Map<String, List<String>> property, Integer type) {
    }

    /** Search by sample attribute. */
    public record SearchProp(String op, Map<String, List<String>> props) {
    }
}
