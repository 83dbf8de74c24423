package io.github.modelarts.taskevents.observe;

import io.github.modelarts.taskevents.state.StateStore;
import io.github.modelarts.taskevents.state.StateStoreException;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * Not ready while events cannot reach Kafka: an event Kafka refused for now has not been taken since (it holds back
 * the later events of its task), or more events wait in the outbox than {@code READY_MAX_BACKLOG}. Ready again as
 * soon as Kafka takes it and the backlog drains. Parked events do not make it unready, as they hold nothing back;
 * while there are any, the check says so.
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
        long parked;
        try {
            backlog = store.backlog();
            parked = store.parked();
        } catch (StateStoreException e) {
            builder.down().message("The state database cannot be read, so the outbox cannot be sent");
            return;
        }
        builder.detail("backlog", backlog);
        builder.detail("parked", parked);
        Optional<String> refused = publishing.oldestRefusedForNow();
        if (refused.isPresent()) {
            builder.down().message("Kafka did not acknowledge " + refused.get() + "; it is sent again after a pause"
                    + " and the later events of its task wait (tasks held back: " + publishing.keysHeldBack()
                    + ", outbox backlog: " + backlog + ")");
        } else if (publishing.transactionsFailing().isPresent()) {
            builder.down().message("Kafka takes no transaction now (" + publishing.transactionsFailing().get()
                    + "); the outbox waits for it (outbox backlog: " + backlog + ")");
        } else if (backlog > maxBacklog) {
            builder.down().message("Outbox backlog " + backlog + " is over READY_MAX_BACKLOG (" + maxBacklog
                    + "): Kafka does not keep up");
        } else {
            builder.up();
            if (parked > 0) {
                builder.message(parked + " parked event(s) Kafka refused for good, each with an unpublishable-event"
                        + " error event" + publishing.lastParked().map(last -> "; the last: " + last).orElse(""));
            }
        }
    }
}
