package io.github.modelarts.taskevents.discover;

import io.github.modelarts.taskevents.task.TaskRef;
import java.util.List;

/** One list call of discovery: every page of a dataset's tasks of one type. */
public record ListCall(String datasetId, String type) {
    /** Listed type by type: without a type the API leaves out auto-grouping (docs/modelarts-api.md#task-list). */
    public static final List<String> TYPES = List.of("auto-label", "pre-label", "auto-grouping");

    /** What the call's observations are about: the dataset, no task. */
    public TaskRef ref() {
        return new TaskRef(datasetId, null);
    }
}
