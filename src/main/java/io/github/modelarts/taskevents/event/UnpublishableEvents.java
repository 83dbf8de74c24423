package io.github.modelarts.taskevents.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.modelarts.taskevents.task.PollFailure;
import io.github.modelarts.taskevents.task.model.TaskJson;
import java.time.Clock;
import java.time.Instant;

/**
 * The error event for an event Kafka refused for good and the outbox parked (reason {@code unpublishable-event}). It
 * is about that event, so it takes its key, subject and source; it names it and the refusal, and stays small however
 * large the parked event was.
 */
public final class UnpublishableEvents {
    public static final String REASON = "unpublishable-event";

    private final EventIdentity eventIdentity;
    private final String errorsTopic;
    private final Clock clock;

    public UnpublishableEvents(String projectId, String errorsTopic, Clock clock) {
        this.eventIdentity = new EventIdentity(projectId);
        this.errorsTopic = errorsTopic;
        this.clock = clock;
    }

    /** The parked event's identity and headers; {@code refusal} is what Kafka answered. */
    public TaskEvent about(String parkedId, String parkedTopic, String parkedType, String key, String source,
                           String refusal) {
        Instant now = clock.instant();
        ObjectNode value = TaskJson.MAPPER.createObjectNode();
        value.put("project_id", eventIdentity.projectId());
        value.put("reason", REASON);
        value.put("parked_ce_id", parkedId);
        value.put("parked_topic", parkedTopic);
        value.put("parked_ce_type", parkedType);
        value.put("error_msg", PollFailure.excerpt(refusal));
        value.put("observed_at", now.toString());
        // one per parked event: parked again after an operator queued it anew, it adds no second error event while
        // the first is in the outbox
        String id = eventIdentity.stableId(REASON, parkedId);
        return new TaskEvent(errorsTopic, key, id, EventTypes.ERROR, source, key, now, value.toString());
    }
}
