package io.github.modelarts.taskevents.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A poll cycle's time budget. Tasks not yet started when it runs out wait for the next cycle, so a slow
 * or throttling API cannot stretch one cycle over the next ones; as the watch list hands out the least
 * recently polled tasks first, the deferred ones lead the next cycle.
 * <p>
 * Discovery gets the first half of the budget: no list page is asked for after it, and the task polls start
 * at its end at the latest, so a slow or endless listing cannot leave the watched tasks without their turn.
 */
public final class CycleDeadline {
    private static final Logger LOG = LoggerFactory.getLogger(CycleDeadline.class);

    private final Duration budget;
    private final Clock clock;
    private final AtomicInteger deferred = new AtomicInteger();
    private volatile Instant deadline = Instant.MAX;
    private volatile Instant discoveryDeadline = Instant.MAX;

    public CycleDeadline(Duration budget, Clock clock) {
        this.budget = budget;
        this.clock = clock;
    }

    public void start() {
        deferred.set(0);
        Instant now = clock.instant();
        deadline = budget.isZero() ? Instant.MAX : now.plus(budget);
        discoveryDeadline = budget.isZero() ? Instant.MAX : now.plus(discoveryShare());
    }

    /**
     * A route step: the cycle's tasks, handed out while the budget lasts, for the split to read one at a time;
     * the ones left when it runs out are counted as deferred. Deciding in the iterator, not in a filter per task,
     * spares the late tasks their exchanges, and every task an expression.
     */
    public <T> Iterator<T> whileInTime(List<T> tasks) {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                if (next >= tasks.size()) {
                    return false;
                }
                if (clock.instant().isBefore(deadline)) {
                    return true;
                }
                deferred.set(tasks.size() - next);
                return false;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return tasks.get(next++);
            }
        };
    }

    /** Whether a listing may still ask for a page in this cycle. */
    public boolean discoveryInTime() {
        return discoveryMillisLeft() > 0;
    }

    /** What is left of discovery's share, in milliseconds; {@code Long.MAX_VALUE} without a budget. */
    public long discoveryMillisLeft() {
        if (discoveryDeadline.equals(Instant.MAX)) {
            return Long.MAX_VALUE;
        }
        return Math.max(0, Duration.between(clock.instant(), discoveryDeadline).toMillis());
    }

    /** Discovery's share of the budget, for the reports of listings it cut short. */
    public Duration discoveryShare() {
        return budget.dividedBy(2);
    }

    public void finish() {
        int late = deferred.get();
        if (late > 0) {
            LOG.warn("The poll cycle used its {} ms budget; {} tasks wait for the next cycle", budget.toMillis(),
                    late);
        }
    }
}
