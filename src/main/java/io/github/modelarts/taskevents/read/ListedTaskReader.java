package io.github.modelarts.taskevents.read;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.modelarts.taskevents.task.Observation;
import io.github.modelarts.taskevents.task.TaskRef;
import io.github.modelarts.taskevents.task.model.TaskDetail;
import io.github.modelarts.taskevents.task.model.TaskJson;
import java.util.List;
import java.util.Optional;

/**
 * Reads a listed RunningTask as if its own GET had answered, so it is classified like one. A RunningTask
 * has every field an event carries, but its result counts may stand at the top level instead of in
 * {@code result}; they are taken from there. {@code resource_id} and {@code export_type} are missing,
 * and no event needs them.
 */
public final class ListedTaskReader {
    /** Without these the classification (status) or the event's run and id (create_time) would be guessed. */
    private static final List<String> REQUIRED = List.of("status", "create_time");
    private static final List<String> COUNTS =
            List.of("total_sample_count", "annotated_sample_count", "unconfirmed_sample_count");

    /** The task as seen; empty when the item lacks a required field or cannot be read, so its GET must tell. */
    public Optional<Observation.TaskSeen> read(TaskRef ref, JsonNode item, ListPage.Read page) {
        if (!item.isObject() || !REQUIRED.stream().allMatch(item::hasNonNull)) {
            return Optional.empty();
        }
        ObjectNode detail = ((ObjectNode) item).deepCopy();
        ObjectNode result = item.path("result").isObject()
                ? ((ObjectNode) item.get("result")).deepCopy() : TaskJson.MAPPER.createObjectNode();
        COUNTS.stream().filter(count -> !result.has(count) && item.has(count))
                .forEach(count -> result.set(count, item.get(count)));
        if (!result.isEmpty()) {
            detail.set("result", result);
        }
        try {
            TaskDetail task = TaskJson.MAPPER.treeToValue(detail, TaskDetail.class);
            return Optional.of(new Observation.TaskSeen(ref, task, item.get("result"), page.attempts(),
                    page.observedAt()));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
