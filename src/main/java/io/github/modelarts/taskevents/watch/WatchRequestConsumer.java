package io.github.modelarts.taskevents.watch;

import io.github.modelarts.taskevents.event.WatchRequestErrors;
import io.github.modelarts.taskevents.state.StateStore;
import io.github.modelarts.taskevents.state.StateStoreException;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watch-requests route's bean: applies each request from {@code TOPIC_WATCH}, or records an error event
 * for one that cannot be applied (malformed, or no room in the watch list); either way the request is done with,
 * and its offset is committed.
 */
public final class WatchRequestConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(WatchRequestConsumer.class);

    private final RequestedWatches requested;
    private final WatchRequestErrors errors;
    private final StateStore store;
    private final WatchList watchList;
    /** Set while requests fail on the state database; volatile, as Camel may move its consumer to a new thread. */
    private volatile boolean databaseRefusing;

    public WatchRequestConsumer(RequestedWatches requested, WatchRequestErrors errors, StateStore store,
                                WatchList watchList) {
        this.requested = requested;
        this.errors = errors;
        this.store = store;
        this.watchList = watchList;
    }

    /**
     * While the state database refuses, the route tries the same request again and again (routes/watch-requests):
     * one warning says so when it starts, one line when the database is back, and nothing in between.
     */
    public void handle(@Body byte[] value, @Header(KafkaConstants.TOPIC) String topic,
                       @Header(KafkaConstants.PARTITION) int partition, @Header(KafkaConstants.OFFSET) long offset,
                       @Header(KafkaConstants.TIMESTAMP) long timestamp) {
        try {
            applyOrReport(value, topic, partition, offset, timestamp);
        } catch (StateStoreException e) {
            if (!databaseRefusing) {
                databaseRefusing = true;
                LOG.warn("Watch requests wait for the state database, trying again with growing pauses: {}",
                        e.getMessage());
            }
            throw e;
        }
        if (databaseRefusing) {
            databaseRefusing = false;
            LOG.info("The state database is back; watch requests are applied again");
        }
    }

    private void applyOrReport(byte[] value, String topic, int partition, long offset, long timestamp) {
        WatchRequest request;
        try {
            request = WatchRequest.parse(value);
        } catch (IllegalArgumentException e) {
            LOG.warn("Watch request at {}/{}/{} cannot be applied: {}", topic, partition, offset, e.getMessage());
            store.recordEvent(errors.malformed(value, e.getMessage(), topic, partition, offset, timestamp));
            return;
        }
        if (requested.apply(request)) {
            LOG.info("Watch request applied: {} {}", request.action().wireName(), request.ref());
            return;
        }
        String problem = "MAX_WATCHED_TASKS (" + watchList.maxWatchedTasks() + ") tasks are watched already";
        LOG.warn("Watch request at {}/{}/{} for {} refused: {}", topic, partition, offset, request.ref(), problem);
        store.recordEvent(errors.malformed(value, problem, topic, partition, offset, timestamp));
    }

    /** The route's last step: a request whose handling threw is not committed, so it is handled again. */
    public void commit(@Header(KafkaConstants.MANUAL_COMMIT) KafkaManualCommit commit) {
        commit.commit();
    }
}
