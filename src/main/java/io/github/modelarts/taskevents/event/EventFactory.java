package io.github.modelarts.taskevents.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.modelarts.taskevents.classify.FailureStreak;
import io.github.modelarts.taskevents.classify.StatusChange;
import io.github.modelarts.taskevents.fetch.FetchResult;
import io.github.modelarts.taskevents.task.Outcome;
import io.github.modelarts.taskevents.task.PollFailure;
import io.github.modelarts.taskevents.task.TaskCodes;
import io.github.modelarts.taskevents.task.TaskRef;
import io.github.modelarts.taskevents.task.TaskStatus;
import io.github.modelarts.taskevents.task.model.ReceivedResult;
import io.github.modelarts.taskevents.task.model.TaskDetail;
import io.github.modelarts.taskevents.task.model.TaskJson;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.camel.Body;
import org.apache.camel.Variable;

/**
 * Builds the events of docs/events.md, for the topic the route chose (the variable {@code topic}). A task event's
 * {@code ce_id} (docs/events.md#ce_id) is derived from the task run ({@code create_time}) and what happened, so a
 * re-send or a restart yields the same id. Every value is kept within what the Kafka producer sends ({@link ValueLimit}).
 */
public final class EventFactory {
    private final EventIdentity eventIdentity;
    private final ValueLimit valueLimit;

    /** {@code maxRequestSize}: the producer's {@code max.request.size}, the largest record it sends. */
    public EventFactory(String projectId, int maxRequestSize) {
        this.eventIdentity = new EventIdentity(projectId);
        this.valueLimit = new ValueLimit(maxRequestSize);
    }

    /** A succeeded, failed or stopped run; a failure says its category and whether a re-run may help. */
    public TaskEvent outcome(@Variable("topic") String topic, @Variable("task") TaskRef ref, @Body TaskDetail task,
                             @Variable(FetchResult.VARIABLE) FetchResult fetched,
                             @Variable("change") StatusChange change) {
        Outcome outcome = TaskStatus.of(task.status()).flatMap(TaskStatus::outcome)
                .orElseThrow(() -> new IllegalArgumentException("status " + task.status() + " ends no run"));
        ObjectNode value = taskValue(ref, task, fetched.observedAt());
        value.put("outcome", outcome.name());
        if (outcome != Outcome.SUCCEEDED) {
            TaskCodes.Failure failure = TaskCodes.failure(outcome, task.errorCode(), task.code());
            value.put("failure_category", failure.category());
            value.put("retryable", failure.retryable());
        }
        value.put("run_duration_s", RunFields.runDurationSeconds(task, change, fetched.observedAt()));
        // the terminal id stays that of (run, outcome): once per run, and the same as before sequences existed
        return runEvent(topic, ref, fetched.observedAt(), outcome.ceType(),
                stableId(ref, task.createTime(), outcome.name()), value, change);
    }

    /** A documented status that has not ended the run, with the phase its code names. */
    public TaskEvent progress(@Variable("topic") String topic, @Variable("task") TaskRef ref, @Body TaskDetail task,
                              @Variable(FetchResult.VARIABLE) FetchResult fetched,
                              @Variable("change") StatusChange change) {
        return runEvent(topic, ref, fetched.observedAt(), EventTypes.PROGRESS, sequenceId(ref, task, change),
                phased(ref, task, fetched), change);
    }

    /** A running task whose status, code and progress have not changed since {@code unchanged_since}. */
    public TaskEvent stalled(@Variable("topic") String topic, @Variable("task") TaskRef ref, @Body TaskDetail task,
                             @Variable(FetchResult.VARIABLE) FetchResult fetched,
                             @Variable("change") StatusChange change) {
        ObjectNode value = phased(ref, task, fetched);
        Instant since = change.after().history().lastChangeAt();
        value.put("unchanged_since", since.toString());
        value.put("unchanged_for_s", Duration.between(since, fetched.observedAt()).toSeconds());
        return runEvent(topic, ref, fetched.observedAt(), EventTypes.STALLED, sequenceId(ref, task, change), value,
                change);
    }

    public TaskEvent unknownStatus(@Variable("topic") String topic, @Variable("task") TaskRef ref,
                                   @Body TaskDetail task, @Variable(FetchResult.VARIABLE) FetchResult fetched,
                                   @Variable("change") StatusChange change) {
        ObjectNode value = errorValue(ref, "unknown-status", 200, fetched);
        value.put("task_name", task.taskName());
        value.put("status", task.status());
        value.put("code", task.code());
        return runEvent(topic, ref, fetched.observedAt(), EventTypes.ERROR, sequenceId(ref, task, change), value,
                change);
    }

    /** The task fields and the phase its code names. */
    private ObjectNode phased(TaskRef ref, TaskDetail task, FetchResult fetched) {
        TaskStatus status = TaskStatus.of(task.status())
                .orElseThrow(() -> new IllegalArgumentException("status " + task.status() + " is not documented"));
        ObjectNode value = taskValue(ref, task, fetched.observedAt());
        value.put("phase", TaskCodes.phase(task.code(), status));
        return value;
    }

    /** The id of a non-terminal event: its place in the run, so a status or code that comes back is a new event. */
    private String sequenceId(TaskRef ref, TaskDetail task, StatusChange change) {
        return stableId(ref, task.createTime(), "sequence", String.valueOf(change.sequence()));
    }

    /**
     * A task state the database refuses for good ({@code unstorable-state}); one per run, so a restart that meets
     * the same refusal repeats its id.
     */
    public TaskEvent unstorable(String topic, TaskRef ref, String run, String problem, Instant observedAt) {
        ObjectNode value = identity(ref);
        value.put("reason", "unstorable-state");
        value.put("create_time", run);
        value.put("error_msg", problem);
        value.put("observed_at", observedAt.toString());
        return event(topic, ref, observedAt, EventTypes.ERROR, stableId(ref, run, "unstorable-state"), value);
    }

    /** An error event; its id is random, fixed once it is recorded, so only a re-send repeats it. */
    public TaskEvent pollError(@Variable("topic") String topic, @Variable("task") TaskRef ref,
                               @Variable(FetchResult.VARIABLE) FetchResult fetched,
                               @Variable("change") FailureStreak streak) {
        PollFailure failure = fetched.failure();
        ObjectNode value = errorValue(ref, failure.reason(), failure.httpStatus(), fetched);
        value.put("error_code", failure.errorCode());
        value.put("error_msg", failure.errorMsg());
        value.put("body", failure.body());
        value.put("consecutive_failures", streak.consecutiveFailures());
        return event(topic, ref, fetched.observedAt(), EventTypes.ERROR, UUID.randomUUID().toString(), value);
    }

    private ObjectNode taskValue(TaskRef ref, TaskDetail task, Instant observedAt) {
        ObjectNode value = identity(ref);
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
        ReceivedResult result = task.result();
        if (result != null && result.typed() != null) {
            value.put("total_sample_count", result.typed().totalSampleCount());
            value.put("annotated_sample_count", result.typed().annotatedSampleCount());
            value.put("unconfirmed_sample_count", result.typed().unconfirmedSampleCount());
        }
        value.set("result", result == null ? null : result.asReceived());
        value.put("observed_at", observedAt.toString());
        return value;
    }

    private ObjectNode errorValue(TaskRef ref, String reason, Integer httpStatus, FetchResult fetched) {
        ObjectNode value = identity(ref);
        value.put("reason", reason);
        value.put("http_status", httpStatus);
        value.put("attempts", fetched.attempts());
        value.put("observed_at", fetched.observedAt().toString());
        return value;
    }

    private ObjectNode identity(TaskRef ref) {
        ObjectNode value = TaskJson.MAPPER.createObjectNode();
        value.put("project_id", eventIdentity.projectId());
        value.put("dataset_id", ref.datasetId());
        value.put("task_id", ref.taskId());
        return value;
    }

    private TaskEvent event(String topic, TaskRef ref, Instant observedAt, String type, String id, ObjectNode value) {
        return event(topic, ref, observedAt, type, id, value, null);
    }

    /** A task event of the run: numbered, and with what is known of the run so far. */
    private TaskEvent runEvent(String topic, TaskRef ref, Instant observedAt, String type, String id,
                               ObjectNode value, StatusChange change) {
        RunFields.add(value, change);
        return event(topic, ref, observedAt, type, id, value, change.sequence());
    }

    private TaskEvent event(String topic, TaskRef ref, Instant observedAt, String type, String id, ObjectNode value,
                            Integer sequence) {
        value.properties().removeIf(field -> field.getValue().isNull());
        return new TaskEvent(topic, ref.taskId(), id, type, eventIdentity.source("datasets/" + ref.datasetId()),
                ref.taskId(), observedAt, valueLimit.serialize(value), sequence);
    }

    private String stableId(TaskRef ref, String run, String... happened) {
        return eventIdentity.stableId(Stream.concat(Stream.of(ref.datasetId(), ref.taskId(), run), Stream.of(happened))
                .toArray(String[]::new));
    }
}
