package io.github.modelarts.taskevents.observe;

import io.github.modelarts.taskevents.publish.PublishListener;
import io.github.modelarts.taskevents.state.OutboxRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Counts what reached Kafka, by event type, topic and error reason, and remembers whether the last send failed. */
final class PublishMonitor implements PublishListener {
    private final MeterRegistry registry;
    private final Counter sendFailures;
    private volatile boolean lastSendFailed;

    PublishMonitor(MeterRegistry registry) {
        this.registry = registry;
        this.sendFailures = Counter.builder("modelarts.task.events.publish.failures")
                .description("Sends Kafka did not acknowledge; the event stays in the outbox").register(registry);
    }

    @Override
    public void published(OutboxRecord record) {
        lastSendFailed = false;
        Counter.builder("modelarts.task.events.events.published")
                .description("Events acknowledged by Kafka, by CloudEvents type and topic")
                .tag("type", record.headers().get("ce_type")).tag("topic", record.topic())
                .register(registry).increment();
        String reason = record.errorReason();
        if (reason != null) {
            Counter.builder("modelarts.task.events.error.events")
                    .description("Error events acknowledged by Kafka, by reason")
                    .tag("reason", reason).register(registry).increment();
        }
    }

    @Override
    public void sendFailed() {
        lastSendFailed = true;
        sendFailures.increment();
    }

    /** Whether Kafka refused the last send and has acknowledged nothing since. */
    boolean lastSendFailed() {
        return lastSendFailed;
    }
}
