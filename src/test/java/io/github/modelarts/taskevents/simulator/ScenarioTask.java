package io.github.modelarts.taskevents.simulator;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/** One task of a scenario: its dataset, its type (default auto-label), its base body and timeline. */
public record ScenarioTask(
        @JsonProperty("dataset_id") String datasetId,
        @JsonProperty("type") TaskType type,
        @JsonProperty("task") ObjectNode task,
        @JsonProperty("timeline") List<Step> timeline) {

    public ScenarioTask {
        Objects.requireNonNull(datasetId, "dataset_id");
        Objects.requireNonNull(task, "task");
        type = type == null ? TaskType.AUTO_LABEL : type;
        timeline = timeline == null ? List.of() : List.copyOf(timeline);
    }
}
