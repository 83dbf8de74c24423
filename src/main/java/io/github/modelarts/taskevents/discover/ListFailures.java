package io.github.modelarts.taskevents.discover;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.modelarts.taskevents.classify.FailureStreak;
import io.github.modelarts.taskevents.classify.FailureStreaks;
import io.github.modelarts.taskevents.event.EventFactory;
import io.github.modelarts.taskevents.event.TaskEvent;
import io.github.modelarts.taskevents.fetch.FetchResult;
import io.github.modelarts.taskevents.read.ListPage;
import io.github.modelarts.taskevents.state.StateStore;
import io.github.modelarts.taskevents.state.StateStoreException;
import io.github.modelarts.taskevents.task.PollFailure;
import io.github.modelarts.taskevents.task.TaskMemory;
import io.github.modelarts.taskevents.task.model.TaskJson;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports failed list calls as failed task polls are reported, by the same failure streaks: a transient failure
 * once it persists, any other once per streak. A list call belongs to no task, so its failure streak is
 * kept here, per call, and its error event is keyed by the dataset and names the task type listed. A listing
 * whose new tasks found the watch list full is reported the same way, once per listing.
 */
public final class ListFailures {
    private static final Logger LOG = LoggerFactory.getLogger(ListFailures.class);
    private static final String LIMIT_REACHED = "watch-limit-reached";

    private final FailureStreaks failures;
    private final EventFactory events;
    private final String errorsTopic;
    private final StateStore store;
    private final Map<ListCall, TaskMemory> streaks = new ConcurrentHashMap<>();

    public ListFailures(FailureStreaks failures, EventFactory events, String errorsTopic, StateStore store) {
        this.failures = failures;
        this.events = events;
        this.errorsTopic = errorsTopic;
        this.store = store;
    }

    /** A route step: records the listing's error event when one is due; the listing passes on unchanged. */
    public void report(Listing listing) {
        ListCall call = listing.call();
        if (listing.failure().isEmpty()) {
            streaks.remove(call);
            return;
        }
        FetchResult failed = listing.failure().get();
        FailureStreak streak = failures.compare(call.ref(), failed.failure(), failed.observedAt(),
                streaks.getOrDefault(call, TaskMemory.NEW));
        if (streak.reported()) {
            try {
                store.recordEvent(aboutList(events.pollError(errorsTopic, call.ref(), failed, streak), call));
            } catch (StateStoreException e) {
                // the streak is left as it was, so the next listing decides again and the report is not lost
                LOG.error("Could not record the failure of listing {}: {}", call, e.getMessage());
                return;
            }
        }
        streaks.put(call, streak.after());
    }

    /**
     * Records the error event of a listing whose {@code refused} new tasks found the watch list full (reason
     * {@code watch-limit-reached}), once per listing; {@code page} is the one the first of them came on.
     */
    public void refused(ListCall call, int refused, int maxWatchedTasks, ListPage.Read page) {
        PollFailure failure = new PollFailure(LIMIT_REACHED, null, null, refused + " listed tasks are not watched:"
                + " MAX_WATCHED_TASKS (" + maxWatchedTasks + ") is reached", null, false);
        FetchResult refusal = new FetchResult(failure, page.attempts(), page.observedAt());
        FailureStreak streak = failures.compare(call.ref(), failure, page.observedAt(), TaskMemory.NEW);
        try {
            store.recordEvent(aboutList(events.pollError(errorsTopic, call.ref(), refusal, streak), call));
        } catch (StateStoreException e) {
            LOG.error("Could not record that listing {} found the watch list full: {}", call, e.getMessage());
        }
    }

    private static TaskEvent aboutList(TaskEvent event, ListCall call) {
        try {
            ObjectNode value = (ObjectNode) TaskJson.MAPPER.readTree(event.value());
            value.put("task_type", call.type());
            return new TaskEvent(event.topic(), call.datasetId(), event.id(), event.type(), event.source(),
                    call.datasetId(), event.time(), value.toString());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event value is always JSON", e);
        }
    }
}
