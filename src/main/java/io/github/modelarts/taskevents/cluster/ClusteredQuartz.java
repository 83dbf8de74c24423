package io.github.modelarts.taskevents.cluster;

import io.github.modelarts.taskevents.config.ClusterSettings;
import io.github.modelarts.taskevents.state.Database;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.component.quartz.QuartzComponent;
import org.quartz.SchedulerException;
import org.quartz.utils.DBConnectionManager;

/**
 * The Quartz component of cluster mode: a clustered JDBC job store in the shared PostgreSQL, so that each tick of
 * POLL_CRON fires on exactly one node, and a dead node's ticks move on to another (docs/cluster.md). The trigger
 * is stored once: Camel's component neither deletes nor pauses it when a node stops, and a node that starts with
 * the same cron leaves it as it is. The scheduler starts only once the node has logged in, so that a node that
 * cannot poll takes no tick. One node per JVM: Quartz keeps its schedulers and connection providers by name, JVM-wide.
 */
public final class ClusteredQuartz {
    /** Quartz finds its connections under this name in its own registry of connection providers. */
    private static final String DATA_SOURCE = "modelarts-task-events-state";
    /**
     * The scheduler thread acquiring the trigger, the job's thread completing it, the check-in and the misfire
     * threads: none waits behind the cycle's writes, nor behind another.
     */
    private static final int QUARTZ_CONNECTIONS = 4;

    private final QuartzComponent component = new QuartzComponent();

    /** Quartz gets a small pool of its own on the shared PostgreSQL of {@code database}. */
    public ClusteredQuartz(ClusterSettings settings, Database database) {
        DataSource pool = database.sidePool("quartz", QUARTZ_CONNECTIONS);
        QuartzTables.createIfAbsent(pool);
        DBConnectionManager.getInstance().addConnectionProvider(DATA_SOURCE, new PoolConnections(pool));
        component.setProperties(properties(settings));
        // the cluster's name is the scheduler's, which every node must share; not prefixed with Camel's name
        component.setPrefixInstanceName(false);
        component.setAutoStartScheduler(false);
    }

    public QuartzComponent component() {
        return component;
    }

    /** Once the node may poll: from now on it takes its share of the ticks. */
    public void startScheduler() {
        try {
            component.getScheduler().start();
        } catch (SchedulerException e) {
            throw new IllegalStateException("Cannot start the clustered Quartz scheduler", e);
        }
    }

    static Map<String, String> properties(ClusterSettings settings) {
        Map<String, String> properties = new HashMap<>();
        properties.put("org.quartz.scheduler.instanceName", settings.name());
        properties.put("org.quartz.scheduler.instanceId", settings.nodeId());
        properties.put("org.quartz.scheduler.skipUpdateCheck", "true");
        // one job, which never runs twice at once (stateful): one thread is all it can use
        properties.put("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        properties.put("org.quartz.threadPool.threadCount", "1");
        properties.put("org.quartz.jobStore.class", ClusterJobStore.class.getName());
        properties.put("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        properties.put("org.quartz.jobStore.dataSource", DATA_SOURCE);
        properties.put("org.quartz.jobStore.isClustered", "true");
        properties.put("org.quartz.jobStore.clusterCheckinInterval",
                Long.toString(settings.checkinInterval().toMillis()));
        // the trigger is acquired under the row lock, so two nodes never both take one tick
        properties.put("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        // how often a standby node looks for a free tick; Quartz's 30 s would leave the ticks a node released when
        // it stopped unfired that long (a dead node's are handed over at once, by the check-in that finds it dead)
        properties.put("org.quartz.scheduler.idleWaitTime", Long.toString(settings.checkinInterval().toMillis()));
        return properties;
    }
}
