package io.github.modelarts.taskevents.observe;

import io.github.modelarts.taskevents.state.StateStore;
import io.github.modelarts.taskevents.task.TaskMemory;
import io.github.modelarts.taskevents.task.TaskStatus;
import io.github.modelarts.taskevents.watch.WatchList;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Gauges read at each scrape: watched tasks by status, and the events waiting or parked in the outbox. */
final class StateGauges {
    /** Status labels: the documented statuses, "unknown" for any other, "none" before the API described the task. */
    static final List<String> STATUSES = statuses();

    private StateGauges() {
    }

    static void register(MeterRegistry registry, WatchList watchList, StateStore store, Clock clock) {
        for (String status : STATUSES) {
            Gauge.builder("modelarts.task.events.watched.tasks", watchList, list -> count(list, status))
                    .description("Watched tasks by their last known status").tag("status", status)
                    .strongReference(true).register(registry);
        }
        Gauge.builder("modelarts.task.events.stalled.tasks", watchList, StateGauges::stalled)
                .description("Watched tasks still going whose stall (STALL_AFTER unchanged) was reported")
                .strongReference(true).register(registry);
        Gauge.builder("modelarts.task.events.outbox.backlog", store, StateStore::backlog)
                .description("Events recorded but not yet acknowledged by Kafka").baseUnit("events")
                .strongReference(true).register(registry);
        Gauge.builder("modelarts.task.events.outbox.parked", store, StateStore::parked)
                .description("Events Kafka refused for good, parked in the outbox for an operator").baseUnit("events")
                .strongReference(true).register(registry);
        Gauge.builder("modelarts.task.events.outbox.oldest.age", store, s -> s.oldestPending()
                        .map(oldest -> Duration.between(oldest, clock.instant()).toMillis() / 1000.0).orElse(0.0))
                .description("Age of the oldest event waiting for Kafka (0: none waits)").baseUnit("seconds")
                .strongReference(true).register(registry);
    }

    static String status(TaskMemory memory) {
        if (memory.status() == null) {
            return "none";
        }
        return TaskStatus.of(memory.status()).map(TaskStatus::displayName).orElse("unknown");
    }

    private static double count(WatchList watchList, String status) {
        return watchList.entries().stream().filter(entry -> status(entry.memory()).equals(status)).count();
    }

    private static double stalled(WatchList watchList) {
        return watchList.entries().stream().map(WatchList.Entry::memory)
                .filter(memory -> !memory.terminal() && memory.history().stallReported()).count();
    }

    private static List<String> statuses() {
        List<String> statuses = new ArrayList<>(Arrays.stream(TaskStatus.values()).map(TaskStatus::displayName)
                .toList());
        statuses.add("unknown");
        statuses.add("none");
        return List.copyOf(statuses);
    }
}
