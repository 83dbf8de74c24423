package io.github.modelarts.taskevents.discover;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.modelarts.taskevents.config.SettingsReader;
import io.github.modelarts.taskevents.fetch.FetchResult;
import io.github.modelarts.taskevents.read.ListPage;
import io.github.modelarts.taskevents.read.ListedTask;
import io.github.modelarts.taskevents.read.ListedTaskReader;
import io.github.modelarts.taskevents.state.StateStoreException;
import io.github.modelarts.taskevents.task.TaskRef;
import io.github.modelarts.taskevents.watch.RequestedWatches;
import io.github.modelarts.taskevents.watch.WatchJoiner;
import io.github.modelarts.taskevents.watch.WatchList;
import io.github.modelarts.taskevents.watch.WatchSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a listing into the tasks it answers for, to be classified like answered GETs. Listed tasks not watched yet join the watch list
 * (unless a watch request removed them, or it is full); each watched task is then answered for by the listing,
 * or, when its item lacks a field an event needs, left to a GET in this cycle.
 */
public final class ListedTasks {
    private static final Logger LOG = LoggerFactory.getLogger(ListedTasks.class);

    private final ListedTaskReader reader;
    private final WatchList watchList;
    private final WatchJoiner joiner;
    private final RequestedWatches requested;
    private final CycleCoverage coverage;
    private final ListFailures failures;

    public ListedTasks(ListedTaskReader reader, WatchList watchList, WatchJoiner joiner, RequestedWatches requested,
                       CycleCoverage coverage, ListFailures failures) {
        this.reader = reader;
        this.watchList = watchList;
        this.joiner = joiner;
        this.requested = requested;
        this.coverage = coverage;
        this.failures = failures;
    }

    public List<ListedTask> observe(Listing listing) {
        Map<TaskRef, Listed> listed = new LinkedHashMap<>();
        int unusable = 0;
        for (ListPage.Read page : listing.pages()) {
            for (JsonNode item : page.tasks()) {
                String taskId = item.path("task_id").asText(null);
                if (SettingsReader.isId(taskId)) {
                    listed.put(new TaskRef(listing.call().datasetId(), taskId), new Listed(item, page));
                } else {
                    unusable++;
                }
            }
        }
        if (unusable > 0) {
            LOG.warn("Listing {} showed {} tasks without a usable task_id; they cannot be watched", listing.call(),
                    unusable);
        }
        join(listing.call(), listed);
        List<ListedTask> seen = new ArrayList<>();
        listed.forEach((ref, task) -> {
            if (watchList.isWatched(ref) && coverage.claim(ref)) {
                reader.read(ref, task.item(), task.page())
                        .ifPresentOrElse(seen::add, () -> coverage.fetchInstead(ref));
            }
        });
        return seen;
    }

    /**
     * A route step: the listed task in the body becomes what an answered GET leaves, the variables {@code task} and
     * {@code fetched} and the task as the body, without simple's OGNL (a bean invocation per task).
     */
    public void asAnswer(Exchange exchange) {
        ListedTask listed = exchange.getMessage().getBody(ListedTask.class);
        exchange.setVariable("task", listed.ref());
        exchange.setVariable(FetchResult.VARIABLE, listed.fetched());
        exchange.getMessage().setBody(listed.task());
    }

    /** Tasks a full watch list refuses are reported, and tried again at the next listing. */
    private void join(ListCall call, Map<TaskRef, Listed> listed) {
        List<TaskRef> refused;
        try {
            refused = joiner.joinAll(listed.keySet().stream().filter(ref -> !requested.isUnwatched(ref)).toList(),
                    WatchSource.DISCOVERED);
        } catch (StateStoreException e) {
            // without what was remembered a finished task would be published again: better to join next time
            LOG.error("Could not read the task states; new tasks join the watch list next time: {}", e.getMessage());
            return;
        }
        if (!refused.isEmpty()) {
            LOG.warn("Listing {} found {} new tasks the watch list has no room for (MAX_WATCHED_TASKS {})", call,
                    refused.size(), watchList.maxWatchedTasks());
            failures.refused(call, refused.size(), watchList.maxWatchedTasks(), listed.get(refused.get(0)).page());
        }
    }

    /** A listed task and the page it came on, whose time and attempts its observation carries. */
    private record Listed(JsonNode item, ListPage.Read page) {
    }
}
