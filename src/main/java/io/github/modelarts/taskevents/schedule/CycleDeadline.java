package io.github.modelarts.taskevents.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A poll cycle's time budget. Tasks not yet started when it runs out wait for the next cycle, so a slow
 * or throttling API cannot stretch one cycle over the next ones; as the watch list hands out the least
 * recently polled tasks first, the deferred ones lead the next cycle.
 */
public final class CycleDeadline {
    private static final Logger LOG = LoggerFactory.getLogger(CycleDeadline.class);

    private final Duration budget;
    private final Clock clock;
    private final AtomicInteger deferred = new AtomicInteger();
    private volatile Instant deadline = Instant.MAX;

    public CycleDeadline(Duration budget, Clock clock) {
        this.budget = budget;
        this.clock = clock;
    }

    public void start() {
        deferred.set(0);
        deadline = budget.isZero() ? Instant.MAX : clock.instant().plus(budget);
    }

    /** Whether a task may still be polled in this cycle; counts the ones that may not. */
    public boolean inTime() {
        if (clock.instant().isBefore(deadline)) {
            return true;
        }
        deferred.incrementAndGet();
        return false;
    }

    public void finish() {
        int late = deferred.get();
        if (late > 0) {
            LOG.warn("The poll cycle used its {} ms budget; {} tasks wait for the next cycle", budget.toMillis(),
                    late);
        }
    }
}
