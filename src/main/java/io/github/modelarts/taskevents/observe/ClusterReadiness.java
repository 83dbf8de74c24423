package io.github.modelarts.taskevents.observe;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * Always ready: tells what this node does in its cluster. A standby node serves the management endpoints and takes
 * over the cycles when the node running them stops, so standing by is no reason to take it out of service.
 */
final class ClusterReadiness extends ReadinessCheck {
    private final NodeRole role;

    ClusterReadiness(NodeRole role) {
        super("cluster");
        this.role = role;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("node_id", role.nodeId());
        builder.detail("runs_cycles", role.runsCycles());
        builder.detail("publishes", role.publishes());
        builder.up();
    }
}
