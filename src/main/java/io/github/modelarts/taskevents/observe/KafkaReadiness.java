package io.github.modelarts.taskevents.observe;

import io.github.modelarts.taskevents.state.StateStore;
import io.github.modelarts.taskevents.state.StateStoreException;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * Not ready while events cannot reach Kafka: the last send was not acknowledged, or more events wait in
 * the outbox than {@code READY_MAX_BACKLOG}. Ready again as soon as Kafka acknowledges and the backlog drains.
 */
final class KafkaReadiness extends ReadinessCheck {
    private final PublishMonitor publishing;
    private final StateStore store;
    private final int maxBacklog;

    KafkaReadiness(PublishMonitor publishing, StateStore store, int maxBacklog) {
        super("kafka");
        this.publishing = publishing;
        this.store = store;
        this.maxBacklog = maxBacklog;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        long backlog;
        try {
            backlog = store.backlog();
        } catch (StateStoreException e) {
            builder.down().message("The state database cannot be read, so the outbox cannot be sent");
            return;
        }
        builder.detail("backlog", backlog);
        if (publishing.lastSendFailed()) {
            builder.down().message("Kafka did not acknowledge the last send (outbox backlog: " + backlog + ")");
        } else if (backlog > maxBacklog) {
            builder.down().message("Outbox backlog " + backlog + " is over READY_MAX_BACKLOG (" + maxBacklog
                    + "): Kafka does not keep up");
        } else {
            builder.up();
        }
    }
}
