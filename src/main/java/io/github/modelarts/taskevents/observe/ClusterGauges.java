package io.github.modelarts.taskevents.observe;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * This node's part in its cluster, read at each scrape: 1 while it runs the poll cycles, and 1 while it publishes;
 * a single instance always does both.
 */
final class ClusterGauges {
    private ClusterGauges() {
    }

    static void register(MeterRegistry registry, NodeRole role) {
        Gauge.builder("modelarts.task.events.cluster.runs.cycles", role, r -> r.runsCycles() ? 1 : 0)
                .description("1 while this node runs the poll cycles of its cluster, 0 while it stands by")
                .tag("node", role.nodeId()).strongReference(true).register(registry);
        Gauge.builder("modelarts.task.events.cluster.publishes", role, r -> r.publishes() ? 1 : 0)
                .description("1 while this node publishes the outbox to Kafka, 0 while it stands by")
                .tag("node", role.nodeId()).strongReference(true).register(registry);
    }
}
