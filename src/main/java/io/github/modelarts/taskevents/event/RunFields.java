package io.github.modelarts.taskevents.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.modelarts.taskevents.classify.StatusChange;
import io.github.modelarts.taskevents.task.TaskStatus;
import io.github.modelarts.taskevents.task.model.TaskDetail;
import java.time.Duration;
import java.time.Instant;

/** The fields every task event of a run carries about the run so far (docs/events.md#run-fields). */
final class RunFields {
    private RunFields() {
    }

    /** {@code sequence}, the last sighting's {@code previous_*} (none on the run's first) and {@code first_seen_at}. */
    static void add(ObjectNode value, StatusChange change) {
        value.put("sequence", change.sequence());
        change.previousSighting().ifPresent(previous -> {
            value.put("previous_status", previous.status());
            TaskStatus.of(previous.status()).ifPresent(status -> value.put("previous_status_name",
                    status.displayName()));
            value.put("previous_code", previous.code());
        });
        value.put("first_seen_at", change.after().history().firstSeenAt().toString());
    }

    /**
     * How long the run took, for a terminal event: the API's {@code elapsed_time} when it sends one, else from the
     * run's first sighting to this one (a run that ended before it was first seen then counts 0).
     */
    static long runDurationSeconds(TaskDetail task, StatusChange change, Instant observedAt) {
        if (task.elapsedTime() != null) {
            return task.elapsedTime();
        }
        return Duration.between(change.after().history().firstSeenAt(), observedAt).toSeconds();
    }
}
