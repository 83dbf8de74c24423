package io.github.modelarts.taskevents.observe;

/** What this instance does in its cluster, for the metrics and the readiness details (docs/cluster.md). */
public interface NodeRole {
    /** Whether this instance is one node of a cluster; only then do its readiness details tell its role. */
    boolean clustered();

    String nodeId();

    /** Whether this node runs the poll cycles now; a single instance always does. */
    boolean runsCycles();

    /** Whether this node publishes the outbox now. */
    boolean publishes();
}
