package io.github.modelarts.taskevents.watch;

import io.github.modelarts.taskevents.state.StateStoreException;
import io.github.modelarts.taskevents.state.WatchRequestStore;
import io.github.modelarts.taskevents.task.TaskMemory;
import io.github.modelarts.taskevents.task.TaskRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watch requests applied so far, kept in the state database: requested tasks are watched again after a
 * restart, and a task unwatched by request stays out of discovery until a request watches it again. A request
 * is forgotten once it is older than the retention and no longer needed: an unwatch, or a watch whose task is
 * gone or has been terminal and quiet that long. A task's own state is kept, so it is never published twice.
 */
public final class RequestedWatches {
    private static final Logger LOG = LoggerFactory.getLogger(RequestedWatches.class);

    private final WatchRequestStore store;
    private final WatchList watchList;
    private final WatchJoiner joiner;
    private final Duration retention;
    private final Clock clock;
    private final Set<TaskRef> unwatched = ConcurrentHashMap.newKeySet();

    public RequestedWatches(WatchRequestStore store, WatchList watchList, WatchJoiner joiner, Duration retention,
                            Clock clock) {
        this.store = store;
        this.watchList = watchList;
        this.joiner = joiner;
        this.retention = retention;
        this.clock = clock;
    }

    /** Re-applies the requests of earlier runs; at start-up, after the static list has joined. */
    public void restore() {
        List<WatchRequest> requests = store.load().entrySet().stream()
                .map(saved -> new WatchRequest(saved.getKey(), WatchRequest.Action.of(saved.getValue()))).toList();
        requests.stream().filter(r -> r.action() == WatchRequest.Action.UNWATCH).forEach(r -> unwatched.add(r.ref()));
        List<TaskRef> refused = joiner.joinAll(requests.stream().filter(r -> r.action() == WatchRequest.Action.WATCH)
                .map(WatchRequest::ref).toList(), WatchSource.REQUESTED);
        if (!refused.isEmpty()) {
            LOG.warn("{} requested tasks are not watched: MAX_WATCHED_TASKS ({}) is reached. They join at a restart"
                    + " with room, or are forgotten after STATE_RETENTION_DAYS", refused.size(),
                    watchList.maxWatchedTasks());
        }
    }

    /**
     * Cluster mode, before a cycle: takes up the requests another node applied since, from the shared database. A
     * new unwatch takes its task out of the watch list, as on the node that applied it; a watched request's task
     * joins with its state in {@code stored} (unless it is gone, or there is no room). The unwatched tasks known here
     * become exactly those of the database.
     */
    public synchronized void reload(Map<TaskRef, TaskMemory> stored) {
        Set<TaskRef> unwatches = new HashSet<>();
        store.load().forEach((ref, action) -> {
            if (WatchRequest.Action.of(action) == WatchRequest.Action.UNWATCH) {
                unwatches.add(ref);
            } else if (!watchList.isWatched(ref)) {
                TaskMemory memory = stored.getOrDefault(ref, TaskMemory.NEW);
                if (!memory.gone()) {
                    watchList.watch(ref, WatchSource.REQUESTED, memory);
                }
            }
        });
        unwatches.stream().filter(ref -> !unwatched.contains(ref)).forEach(watchList::unwatch);
        unwatched.retainAll(unwatches);
        unwatched.addAll(unwatches);
    }

    /**
     * Applies the request, then makes it durable; the route commits its offset only after both, so a failure in
     * between has the request read and applied again. Returns false, and keeps nothing, for a task the full watch
     * list has no room for. Touches only the request's own task, in memory and in the database.
     */
    public synchronized boolean apply(WatchRequest request) {
        TaskRef ref = request.ref();
        if (request.action() == WatchRequest.Action.WATCH) {
            if (!joiner.join(ref, WatchSource.REQUESTED)) {
                return false;
            }
            store.save(ref, request.action().wireName(), clock.instant());
            unwatched.remove(ref);
        } else {
            store.save(ref, request.action().wireName(), clock.instant());
            unwatched.add(ref);
            watchList.unwatch(ref);
        }
        return true;
    }

    public boolean isUnwatched(TaskRef ref) {
        return unwatched.contains(ref);
    }

    /**
     * Forgets the requests older than the retention that are no longer needed; the route prune-watch-requests
     * calls it at start-up and every hour. Deleted first, so a database failure changes nothing in memory, and
     * the next run tries again.
     */
    public synchronized void prune() {
        try {
            forgetOldRequests(clock.instant().minus(retention));
        } catch (StateStoreException e) {
            LOG.warn("Could not forget old watch requests; trying again in an hour: {}", e.getMessage());
        }
    }

    private void forgetOldRequests(Instant cutoff) {
        Map<TaskRef, String> old = store.requestedBefore(cutoff);
        List<TaskRef> unwatches = new ArrayList<>();
        List<TaskRef> watchesDone = new ArrayList<>();
        old.forEach((ref, action) -> {
            if (WatchRequest.Action.of(action) == WatchRequest.Action.UNWATCH) {
                unwatches.add(ref);
            } else if (!watchList.isWatched(ref) || quietlyTerminal(watchList.memory(ref), cutoff)) {
                watchesDone.add(ref);
            }
        });
        if (unwatches.isEmpty() && watchesDone.isEmpty()) {
            return;
        }
        List<TaskRef> forgotten = new ArrayList<>(unwatches);
        forgotten.addAll(watchesDone);
        store.forget(forgotten, cutoff);
        unwatches.forEach(unwatched::remove);
        watchesDone.forEach(ref -> watchList.unwatch(ref, WatchSource.REQUESTED));
        LOG.info("Forgot {} unwatch and {} watch requests older than {} days", unwatches.size(), watchesDone.size(),
                retention.toDays());
    }

    /** Ended, and nothing published about it since {@code cutoff}: no new run is expected any more. */
    private static boolean quietlyTerminal(TaskMemory memory, Instant cutoff) {
        return memory.terminal() && (memory.lastEventAt() == null || memory.lastEventAt().isBefore(cutoff));
    }
}
