package io.github.modelarts.taskevents.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.modelarts.taskevents.task.PollFailure;
import io.github.modelarts.taskevents.task.model.TaskJson;
import java.time.Clock;
import java.time.Instant;

/**
 * The error event for a watch request that cannot be applied (reason {@code malformed-watch-request}). It is
 * about a Kafka record, not a task: keyed and subjected by the record's {@code topic/partition/offset}.
 */
public final class WatchRequestErrors {
    public static final String REASON = "malformed-watch-request";

    private final EventIdentity eventIdentity;
    private final String errorsTopic;
    private final Clock clock;

    public WatchRequestErrors(String projectId, String errorsTopic, Clock clock) {
        this.eventIdentity = new EventIdentity(projectId);
        this.errorsTopic = errorsTopic;
        this.clock = clock;
    }

    /** {@code timestamp} is the record's; with its position it makes the event id, so a redelivery repeats it. */
    public TaskEvent malformed(byte[] body, String problem, String topic, int partition, long offset, long timestamp) {
        String position = topic + "/" + partition + "/" + offset;
        Instant now = clock.instant();
        ObjectNode value = TaskJson.MAPPER.createObjectNode();
        value.put("project_id", eventIdentity.projectId());
        value.put("reason", REASON);
        value.put("error_msg", problem);
        value.put("body", body == null ? "" : PollFailure.excerpt(body));
        value.put("watch_request", position);
        value.put("observed_at", now.toString());
        String id = eventIdentity.stableId(position, String.valueOf(timestamp));
        return new TaskEvent(errorsTopic, position, id, EventTypes.ERROR, eventIdentity.source("watch-requests"),
                position, now, value.toString());
    }
}
