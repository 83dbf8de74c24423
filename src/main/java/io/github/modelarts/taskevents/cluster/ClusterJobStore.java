package io.github.modelarts.taskevents.cluster;

import org.quartz.impl.jdbcjobstore.JobStoreTX;
import org.quartz.impl.jdbcjobstore.SchedulerStateRecord;

/**
 * Quartz's JDBC job store, with a node taken for dead after it missed its check-ins for one more check-in interval
 * instead of Quartz's fixed 7.5 s: with a short CLUSTER_CHECKIN_INTERVAL_MS the cycles move on within about
 * three intervals, and with the default (7.5 s) the margin is Quartz's own. The margin absorbs clock differences
 * and pauses of the nodes, which must stay well below the interval.
 */
public final class ClusterJobStore extends JobStoreTX {
    @Override
    protected long calcFailedIfAfter(SchedulerStateRecord rec) {
        long sinceMyCheckin = System.currentTimeMillis() - lastCheckin;
        return rec.getCheckinTimestamp() + Math.max(rec.getCheckinInterval(), sinceMyCheckin)
                + rec.getCheckinInterval();
    }
}
