package io.github.modelarts.taskevents.cluster;

import io.github.modelarts.taskevents.observe.NodeRole;
import io.github.modelarts.taskevents.publish.PublishPermit;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import org.quartz.CronExpression;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this node runs the poll cycles: while one it started from Quartz is running, and until the tick after its
 * last one plus a check-in interval has passed. Quartz gives each tick to one node, and gives the ticks of a node
 * that stopped checking in to another after about that long, so past it another node runs them. The node that runs
 * the cycles publishes the outbox (docs/cluster.md); a single instance always does both.
 */
public final class CycleRole implements PublishPermit, NodeRole {
    private static final Logger LOG = LoggerFactory.getLogger(CycleRole.class);

    private final boolean clustered;
    private final String nodeId;
    private final CronExpression cron;
    private final Duration checkinInterval;
    private final Clock clock;
    private final AtomicInteger running = new AtomicInteger();
    private volatile Instant lastStarted;

    public CycleRole(boolean clustered, String nodeId, String cron, Duration checkinInterval, Clock clock) {
        this.clustered = clustered;
        this.nodeId = nodeId;
        this.cron = parse(cron);
        this.checkinInterval = checkinInterval;
        this.clock = clock;
    }

    /** A route step: Quartz gave this node a tick, and its cycle starts. */
    public void started() {
        lastStarted = clock.instant();
        running.incrementAndGet();
        // at DEBUG, where each node ran which cycle shows in the logs
        LOG.debug("Poll cycle started on node {}", nodeId);
    }

    /** A route step: the cycle {@link #started} ended, however. */
    public void ended() {
        running.decrementAndGet();
        LOG.debug("Poll cycle ended on node {}", nodeId);
    }

    @Override
    public boolean clustered() {
        return clustered;
    }

    @Override
    public String nodeId() {
        return nodeId;
    }

    @Override
    public boolean runsCycles() {
        if (!clustered || running.get() > 0) {
            return true;
        }
        Instant started = lastStarted;
        if (started == null) {
            return false;
        }
        Date nextTick = cron.getNextValidTimeAfter(Date.from(started));
        return nextTick != null && clock.instant().isBefore(nextTick.toInstant().plus(checkinInterval));
    }

    @Override
    public boolean publishes() {
        return granted();
    }

    @Override
    public boolean granted() {
        return runsCycles();
    }

    private static CronExpression parse(String cron) {
        try {
            return new CronExpression(cron);
        } catch (ParseException e) {
            // Settings validated it: this cannot happen
            throw new IllegalArgumentException("Invalid cron " + cron, e);
        }
    }
}
