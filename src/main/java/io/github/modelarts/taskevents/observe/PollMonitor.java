package io.github.modelarts.taskevents.observe;

import io.github.modelarts.taskevents.fetch.FetchResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.Variable;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Watches the poll cycles, as a bean of the poll routes: {@code started} and {@code finished} around each
 * cycle, {@code observed} once per poll. Feeds the poll metrics and the API readiness check. Cycles never
 * overlap (the Quartz job is stateful), so one tally at a time is enough.
 */
public final class PollMonitor {
    private final Map<PollOutcome, Counter> polls = new EnumMap<>(PollOutcome.class);
    private final Timer cycleDuration;
    private final Clock clock;
    private final AtomicInteger pollsInCycle = new AtomicInteger();
    private final AtomicInteger failedInCycle = new AtomicInteger();
    private final AtomicInteger failedCycles = new AtomicInteger();
    private final AtomicLong lastSuccessfulCycleMillis = new AtomicLong();
    private volatile long cycleStartedNanos;

    public PollMonitor(MeterRegistry registry, Clock clock) {
        this.clock = clock;
        for (PollOutcome outcome : PollOutcome.values()) {
            polls.put(outcome, Counter.builder("modelarts.task.events.polls")
                    .description("Polls of one task, by how they ended").tag("outcome", outcome.label())
                    .register(registry));
        }
        cycleDuration = Timer.builder("modelarts.task.events.poll.cycle")
                .description("Duration of a whole poll cycle").serviceLevelObjectives(Buckets.DURATIONS)
                .register(registry);
        Gauge.builder("modelarts.task.events.last.successful.cycle.timestamp", lastSuccessfulCycleMillis,
                        millis -> millis.get() / 1000.0)
                .description("When the last cycle ended in which the API answered (0: none yet)")
                .baseUnit("seconds").register(registry);
        Gauge.builder("modelarts.task.events.consecutive.failed.cycles", failedCycles, AtomicInteger::get)
                .description("Cycles in a row in which every poll failed").register(registry);
    }

    public void started() {
        pollsInCycle.set(0);
        failedInCycle.set(0);
        cycleStartedNanos = System.nanoTime();
    }

    public void observed(@Variable(FetchResult.VARIABLE) FetchResult fetched) {
        polls.get(PollOutcome.of(fetched)).increment();
        pollsInCycle.incrementAndGet();
        if (apiFailed(fetched)) {
            failedInCycle.incrementAndGet();
        }
    }

    /** A cycle succeeded unless it polled and every poll failed; a cycle with nothing due needs no API. */
    public void finished() {
        cycleDuration.record(Duration.ofNanos(System.nanoTime() - cycleStartedNanos));
        int polled = pollsInCycle.get();
        if (polled > 0 && failedInCycle.get() == polled) {
            failedCycles.incrementAndGet();
        } else {
            failedCycles.set(0);
            lastSuccessfulCycleMillis.set(clock.millis());
        }
    }

    /** Cycles in a row in which every poll failed. */
    int failedCycles() {
        return failedCycles.get();
    }

    /** "Not found" is an answer about the task: the API itself works. */
    private static boolean apiFailed(FetchResult fetched) {
        return !fetched.answered() && !"not-found".equals(fetched.failure().reason());
    }
}
