package io.github.modelarts.taskevents.observe;

import io.github.modelarts.taskevents.discover.Listing;
import io.github.modelarts.taskevents.fetch.FetchResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.Variable;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Watches the poll cycles, as a bean of the poll routes: {@code started} and {@code finished} around each
 * cycle, {@code toPoll} with the tasks the cycle hands to the polls, {@code observed} once per poll and
 * {@code listed} once per list call. Feeds the poll metrics and the API readiness check. Cycles never overlap
 * (the Quartz job is stateful), so one tally at a time is enough.
 */
public final class PollMonitor {
    private final Map<PollOutcome, Counter> polls = new EnumMap<>(PollOutcome.class);
    private final Timer cycleDuration;
    private final Clock clock;
    private final AtomicInteger toPollInCycle = new AtomicInteger();
    private final AtomicInteger pollsInCycle = new AtomicInteger();
    private final AtomicInteger failedInCycle = new AtomicInteger();
    private final AtomicInteger listingsInCycle = new AtomicInteger();
    private final AtomicInteger failedListingsInCycle = new AtomicInteger();
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
                .description("Failed cycles in a row: the API answered no poll, or, with none to poll, no list call")
                .register(registry);
    }

    public void started() {
        toPollInCycle.set(0);
        pollsInCycle.set(0);
        failedInCycle.set(0);
        listingsInCycle.set(0);
        failedListingsInCycle.set(0);
        cycleStartedNanos = System.nanoTime();
    }

    /** A route step: the tasks handed to the polls; those the budget leaves no time for are not polled. */
    public void toPoll(List<?> tasks) {
        toPollInCycle.set(tasks.size());
    }

    public void observed(@Variable(FetchResult.VARIABLE) FetchResult fetched) {
        polls.get(PollOutcome.of(fetched)).increment();
        pollsInCycle.incrementAndGet();
        if (apiFailed(fetched)) {
            failedInCycle.incrementAndGet();
        }
    }

    /** A route step: a list call failed when the API answered none of its pages, or it could ask for none. */
    public void listed(Listing listing) {
        listingsInCycle.incrementAndGet();
        if (listing.pages().isEmpty() && listing.failure().filter(PollMonitor::apiFailed).isPresent()) {
            failedListingsInCycle.incrementAndGet();
        }
    }

    /**
     * A cycle that had tasks to poll succeeded when the API answered one of its polls: every poll deferred or
     * failed is a failed cycle. Without tasks to poll, a cycle failed when every list call failed; a cycle with
     * nothing to poll or list needs no API.
     */
    public void finished() {
        cycleDuration.record(Duration.ofNanos(System.nanoTime() - cycleStartedNanos));
        boolean failed = toPollInCycle.get() > 0
                ? pollsInCycle.get() == failedInCycle.get()
                : listingsInCycle.get() > 0 && failedListingsInCycle.get() == listingsInCycle.get();
        if (failed) {
            failedCycles.incrementAndGet();
        } else {
            failedCycles.set(0);
            lastSuccessfulCycleMillis.set(clock.millis());
        }
    }

    /** Failed cycles in a row, as {@link #finished} tells them. */
    int failedCycles() {
        return failedCycles.get();
    }

    /** "Not found" is an answer about the task: the API itself works. */
    private static boolean apiFailed(FetchResult fetched) {
        return !fetched.answered() && !"not-found".equals(fetched.failure().reason());
    }
}
