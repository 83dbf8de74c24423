package io.github.modelarts.taskevents.watch;

import io.github.modelarts.taskevents.event.WatchRequestErrors;
import io.github.modelarts.taskevents.state.StateStore;
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

    public WatchRequestConsumer(RequestedWatches requested, WatchRequestErrors errors, StateStore store,
                                WatchList watchList) {
        this.requested = requested;
        this.errors = errors;
        this.store = store;
        this.watchList = watchList;
    }

    public void handle(@Body byte[] value, @Header(KafkaConstants.TOPIC) String topic,
                       @Header(KafkaConstants.PARTITION) int partition, @Header(KafkaConstants.OFFSET) long offset,
                       @Header(KafkaConstants.TIMESTAMP) long timestamp) {
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
