package io.github.modelarts.taskevents.watch;

import io.github.modelarts.taskevents.state.WatchRequestStore;
import io.github.modelarts.taskevents.task.TaskRef;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The watch requests applied so far, kept in the state database: requested tasks are watched again after a
 * restart, and a task unwatched by request stays out of discovery until a request watches it again.
 */
public final class RequestedWatches {
    private final WatchRequestStore store;
    private final WatchList watchList;
    private final WatchJoiner joiner;
    private final Set<TaskRef> unwatched = ConcurrentHashMap.newKeySet();

    public RequestedWatches(WatchRequestStore store, WatchList watchList, WatchJoiner joiner) {
        this.store = store;
        this.watchList = watchList;
        this.joiner = joiner;
    }

    /** Re-applies the requests of earlier runs; at start-up, after the static list has joined. */
    public void restore() {
        List<WatchRequest> requests = store.load().entrySet().stream()
                .map(saved -> new WatchRequest(saved.getKey(), WatchRequest.Action.of(saved.getValue()))).toList();
        requests.stream().filter(r -> r.action() == WatchRequest.Action.UNWATCH).forEach(r -> unwatched.add(r.ref()));
        joiner.joinAll(requests.stream().filter(r -> r.action() == WatchRequest.Action.WATCH)
                .map(WatchRequest::ref).toList(), WatchSource.REQUESTED);
    }

    /** Makes the request durable first, so an applied request is never forgotten by a restart. */
    public void apply(WatchRequest request) {
        store.save(request.ref(), request.action().wireName());
        TaskRef ref = request.ref();
        if (request.action() == WatchRequest.Action.WATCH) {
            unwatched.remove(ref);
            joiner.joinAll(List.of(ref), WatchSource.REQUESTED);
        } else {
            unwatched.add(ref);
            watchList.unwatch(ref);
        }
    }

    public boolean isUnwatched(TaskRef ref) {
        return unwatched.contains(ref);
    }
}
