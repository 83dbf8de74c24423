package io.github.modelarts.taskevents.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;

/**
 * How this instance takes part in a cluster (docs/cluster.md). {@code name} is used without cluster mode too: it
 * names the Kafka transactional id of the publisher, so a single instance is fenced like a node.
 *
 * @param enabled         whether this is one node of a cluster sharing the PostgreSQL of STATE_JDBC_URL
 * @param nodeId          this node's id in Quartz's tables, logs and metrics
 * @param name            the cluster's name: Quartz's scheduler name and the prefix of the transactional id
 * @param checkinInterval how often a node tells the others it is alive; a dead node's cycles move on after it
 */
public record ClusterSettings(boolean enabled, String nodeId, String name, Duration checkinInterval) {
    private static final List<String> BOOLEANS = List.of("true", "false");

    public static ClusterSettings from(SettingsSource source) {
        SettingsReader read = new SettingsReader(source);
        read.oneOf("cluster.enabled", BOOLEANS, "whether this instance is a node of a cluster");
        boolean enabled = read.text("cluster.enabled").equals("true");
        if (enabled && !read.text("state.jdbc.url").startsWith("jdbc:postgresql:")) {
            read.problem("cluster.enabled", "is true, so " + SettingsSource.envName("state.jdbc.url")
                    + " must name the PostgreSQL database the nodes share (jdbc:postgresql://...)");
        }
        String nodeId = read.text("cluster.node.id").isEmpty() ? hostName() : read.text("cluster.node.id");
        read.id("cluster.node.id", nodeId);
        String name = read.required("cluster.name", "(the cluster's transactional id)");
        if (!name.isEmpty()) {
            read.id("cluster.name", name);
        }
        Duration checkin = Duration.ofMillis(read.integer("cluster.checkin.interval.ms", 1000, 600_000));
        if (!read.problems().isEmpty()) {
            throw new InvalidSettingsException(read.problems());
        }
        return new ClusterSettings(enabled, nodeId, name, checkin);
    }

    /** The transactional id of the outbox publisher: one per cluster and project, so one publisher at a time. */
    public String transactionalId(String projectId) {
        return name + "-" + projectId;
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
