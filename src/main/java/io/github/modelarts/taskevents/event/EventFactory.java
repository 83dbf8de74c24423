package io.github.modelarts.taskevents.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.modelarts.taskevents.config.Topics;
import io.github.modelarts.taskevents.task.Observation;
import io.github.modelarts.taskevents.task.Outcome;
import io.github.modelarts.taskevents.task.PollFailure;
import io.github.modelarts.taskevents.task.TaskCodes;
import io.github.modelarts.taskevents.task.TaskRef;
import io.github.modelarts.taskevents.task.TaskStatus;
import io.github.modelarts.taskevents.task.model.TaskDetail;
import io.github.modelarts.taskevents.task.model.TaskJson;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Builds the events of docs/events.md. A task event's {@code ce_id} (docs/events.md#ce_id) is derived from the
 * task run ({@code create_time}) and what happened, so a re-send or a restart yields the same id.
 */
public final class EventFactory {
    private final EventIdentity eventIdentity;
    private final Topics topics;

    public EventFactory(String projectId, Topics topics) {
        this.eventIdentity = new EventIdentity(projectId);
        this.topics = topics;
    }

    public TaskEvent terminal(Observation.TaskSeen seen, Outcome outcome) {
        TaskDetail task = seen.task();
        ObjectNode value = taskValue(seen);
        value.put("outcome", outcome.name());
        TaskCodes.Failure failure = TaskCodes.failure(outcome, task.errorCode(), task.code());
        if (outcome != Outcome.SUCCEEDED) {
            value.put("failure_category", failure.category());
            value.put("retryable", failure.retryable());
        }
        String topic = outcome == Outcome.SUCCEEDED ? topics.completed() : topics.failed();
        return event(seen, topic, outcome.ceType(), stableId(seen.ref(), task.createTime(), outcome.name()), value);
    }

    public TaskEvent progress(Observation.TaskSeen seen, TaskStatus status) {
        TaskDetail task = seen.task();
        ObjectNode value = taskValue(seen);
        value.put("phase", TaskCodes.phase(task.code(), status));
        String id = stableId(seen.ref(), task.createTime(), "progress", String.valueOf(task.status()), task.code());
        return event(seen, topics.progress(), EventTypes.PROGRESS, id, value);
    }

    public TaskEvent unknownStatus(Observation.TaskSeen seen) {
        TaskDetail task = seen.task();
        ObjectNode value = errorValue(seen.ref(), "unknown-status", 200, seen.attempts(), seen);
        value.put("task_name", task.taskName());
        value.put("status", task.status());
        value.put("code", task.code());
        String id = stableId(seen.ref(), task.createTime(), "unknown-status", String.valueOf(task.status()),
                task.code());
        return event(seen, topics.errors(), EventTypes.ERROR, id, value);
    }

    /** An error event; its id is random, fixed once it is recorded, so only a re-send repeats it. */
    public TaskEvent pollError(Observation.PollFailed failed, int consecutiveFailures) {
        PollFailure failure = failed.failure();
        ObjectNode value = errorValue(failed.ref(), failure.reason(), failure.httpStatus(), failed.attempts(), failed);
        value.put("error_code", failure.errorCode());
        value.put("error_msg", failure.errorMsg());
        value.put("body", failure.body());
        value.put("consecutive_failures", consecutiveFailures);
        return event(failed, topics.errors(), EventTypes.ERROR, UUID.randomUUID().toString(), value);
    }

    private ObjectNode taskValue(Observation.TaskSeen seen) {
        TaskDetail task = seen.task();
        ObjectNode value = identity(seen.ref());
        value.put("task_name", task.taskName());
        value.put("status", task.status());
        TaskStatus.of(task.status()).ifPresent(status -> value.put("status_name", status.displayName()));
        value.put("code", task.code());
        value.put("message", task.message());
        value.put("progress", task.progress());
        value.put("elapsed_time", task.elapsedTime());
        value.put("create_time", task.createTime());
        value.put("error_code", task.errorCode());
        value.put("error_msg", task.errorMsg());
        value.put("error_detail", task.errorDetail());
        if (task.result() != null) {
            value.put("total_sample_count", task.result().totalSampleCount());
            value.put("annotated_sample_count", task.result().annotatedSampleCount());
            value.put("unconfirmed_sample_count", task.result().unconfirmedSampleCount());
        }
        value.set("result", seen.rawResult());
        value.put("observed_at", seen.observedAt().toString());
        return value;
    }

    private ObjectNode errorValue(TaskRef ref, String reason, Integer httpStatus, int attempts,
                                  Observation observation) {
        ObjectNode value = identity(ref);
        value.put("reason", reason);
        value.put("http_status", httpStatus);
        value.put("attempts", attempts);
        value.put("observed_at", observation.observedAt().toString());
        return value;
    }

    private ObjectNode identity(TaskRef ref) {
        ObjectNode value = TaskJson.MAPPER.createObjectNode();
        value.put("project_id", eventIdentity.projectId());
        value.put("dataset_id", ref.datasetId());
        value.put("task_id", ref.taskId());
        return value;
    }

    private TaskEvent event(Observation observation, String topic, String type, String id, ObjectNode value) {
        value.properties().removeIf(field -> field.getValue().isNull());
        TaskRef ref = observation.ref();
        return new TaskEvent(topic, ref.taskId(), id, type,
                eventIdentity.source("datasets/" + ref.datasetId()), ref.taskId(),
                observation.observedAt(), value.toString());
    }

    private String stableId(TaskRef ref, String run, String... happened) {
        return eventIdentity.stableId(Stream.concat(Stream.of(ref.datasetId(), ref.taskId(), run), Stream.of(happened))
                .toArray(String[]::new));
    }
}
