package io.github.modelarts.taskevents.observe;

import io.github.modelarts.taskevents.publish.PublishListener;
import io.github.modelarts.taskevents.state.OutboxRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts what reached Kafka, by event type, topic and error reason, and what was parked, by reason; remembers which
 * events Kafka refused for now and has not taken since, and the last one parked, for the readiness check.
 */
final class PublishMonitor implements PublishListener {
    private final MeterRegistry registry;
    private final Counter sendFailures;
    /** Per key: the event that holds back the later ones of its key; the readiness check names the oldest. */
    private final Map<String, Refusal> refusedForNow = new ConcurrentHashMap<>();
    private volatile String lastParked;
    private volatile String transactionsFailing;

    private record Refusal(long seq, String description) {
    }

    PublishMonitor(MeterRegistry registry) {
        this.registry = registry;
        this.sendFailures = Counter.builder("modelarts.task.events.publish.failures")
                .description("Sends Kafka did not acknowledge; the event stays in the outbox").register(registry);
    }

    @Override
    public void published(OutboxRecord record) {
        transactionsFailing = null;
        refusedForNow.remove(record.key());
        Counter.builder("modelarts.task.events.events.published")
                .description("Events acknowledged by Kafka, by CloudEvents type and topic")
                .tag("type", record.type()).tag("topic", record.topic())
                .register(registry).increment();
        String reason = record.errorReason();
        if (reason != null) {
            Counter.builder("modelarts.task.events.error.events")
                    .description("Error events acknowledged by Kafka, by reason")
                    .tag("reason", reason).register(registry).increment();
        }
    }

    @Override
    public void refusedForNow(OutboxRecord record, String cause) {
        refusedForNow.put(record.key(), new Refusal(record.seq(), describe(record) + " (" + cause + ")"));
        sendFailures.increment();
    }

    @Override
    public void parked(OutboxRecord record, String reason, String cause) {
        refusedForNow.remove(record.key());
        lastParked = describe(record) + " parked: " + cause;
        Counter.builder("modelarts.task.events.events.parked")
                .description("Events Kafka refused for good, parked in the outbox, by the Kafka exception")
                .tag("reason", reason).register(registry).increment();
    }

    @Override
    public void transactionsFailing(String cause) {
        transactionsFailing = cause;
    }

    @Override
    public void standingBy() {
        transactionsFailing = null;
        refusedForNow.clear();
    }

    /** Why Kafka takes no transaction now; empty once it took one, or before any failed. */
    Optional<String> transactionsFailing() {
        return Optional.ofNullable(transactionsFailing);
    }

    /** The oldest event Kafka refused for now and has not taken since, and why; empty when none waits for a retry. */
    Optional<String> oldestRefusedForNow() {
        return refusedForNow.values().stream().min(Comparator.comparingLong(Refusal::seq)).map(Refusal::description);
    }

    /** How many keys have an event that Kafka refused for now, holding back their later events. */
    int keysHeldBack() {
        return refusedForNow.size();
    }

    /** The last event parked since this process started, and why. */
    Optional<String> lastParked() {
        return Optional.ofNullable(lastParked);
    }

    private static String describe(OutboxRecord record) {
        return "event " + record.ceId() + " to " + record.topic();
    }
}
