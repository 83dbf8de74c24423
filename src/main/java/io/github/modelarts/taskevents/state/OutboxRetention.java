package io.github.modelarts.taskevents.state;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps the outbox from growing forever: acknowledged events are deleted after the retention period. */
public final class OutboxRetention {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxRetention.class);

    private final StateStore store;
    private final Duration retention;
    private final Clock clock;

    public OutboxRetention(StateStore store, Duration retention, Clock clock) {
        this.store = store;
        this.retention = retention;
        this.clock = clock;
    }

    public void prune() {
        int deleted = store.prunePublished(clock.instant().minus(retention));
        if (deleted > 0) {
            LOG.info("Deleted {} published events older than {} days from the outbox", deleted, retention.toDays());
        }
    }
}
