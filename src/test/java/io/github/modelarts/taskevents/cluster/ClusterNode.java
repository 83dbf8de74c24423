package io.github.modelarts.taskevents.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.modelarts.taskevents.App;
import io.github.modelarts.taskevents.testsupport.JavaProcess;
import io.github.modelarts.taskevents.testsupport.ManagementClient;
import io.github.modelarts.taskevents.testsupport.Pipeline;
import io.github.modelarts.taskevents.testsupport.SharedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;

/** One node of a test cluster: the application in a JVM of its own, on the pipeline's simulator, Kafka and topics. */
final class ClusterNode implements AutoCloseable {
    /** A tick every second. */
    static final String EVERY_SECOND = "* * * * * ?";
    static final long CHECKIN_INTERVAL_MS = 1000;

    private final String id;
    private final JavaProcess process;
    private final ManagementClient management;

    private ClusterNode(String id, JavaProcess process, int managementPort) {
        this.id = id;
        this.process = process;
        this.management = new ManagementClient(managementPort);
    }

    /** The pipeline's settings with cluster mode on {@code jdbcUrl}, named {@code cluster}. */
    static ClusterNode start(Pipeline pipeline, String cluster, String jdbcUrl, String id) throws IOException {
        return start(pipeline, cluster, jdbcUrl, id, Map.of());
    }

    /** A cluster name no other test uses: its Quartz scheduler and transactional id are its own. */
    static String newClusterName() {
        return "it-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Until every node is ready, as a Kubernetes probe sees it; JVMs start slowly beside other cluster tests. */
    static void awaitReady(List<ClusterNode> nodes) {
        Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> nodes.stream().allMatch(ClusterNode::ready));
    }

    /** As above, with {@code overrides} (environment variables) over the pipeline's, e.g. a Kafka of its own. */
    static ClusterNode start(Pipeline pipeline, String cluster, String jdbcUrl, String id,
                             Map<String, String> overrides) throws IOException {
        int port = freePort();
        Map<String, String> env = new HashMap<>(pipeline.environment());
        env.putAll(overrides);
        env.putAll(Map.of("CLUSTER_ENABLED", "true", "CLUSTER_NAME", cluster, "CLUSTER_NODE_ID", id,
                "CLUSTER_CHECKIN_INTERVAL_MS", Long.toString(CHECKIN_INTERVAL_MS),
                "STATE_JDBC_URL", jdbcUrl, "STATE_JDBC_USER", SharedPostgres.USER,
                "POLL_CRON", EVERY_SECOND, "MANAGEMENT_PORT", Integer.toString(port)));
        // a small heap: three of them run beside the broker, the database and the tests on two cores
        JavaProcess process = JavaProcess.start(List.of("-Xmx160m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dlogback.configurationFile=logback-cluster-node.xml"), App.class.getName(), List.of(), env,
                pipeline.stateDir().resolve(id + ".log"));
        return new ClusterNode(id, process, port);
    }

    String id() {
        return id;
    }

    /** Ready, as a Kubernetes probe sees it; false while the management server is not up yet. */
    boolean ready() {
        try {
            return management.get("/observe/health/ready").status() == 200;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    /** What the node's gauge says: it runs the cycles now. */
    boolean runsCycles() {
        return gauge("modelarts_task_events_cluster_runs_cycles") == 1;
    }

    /** What the node's gauge says: it publishes now. */
    boolean publishes() {
        return gauge("modelarts_task_events_cluster_publishes") == 1;
    }

    /** The readiness check {@code cluster} with its details, as {@code ?exposureLevel=full&data=true} shows it. */
    JsonNode clusterCheck() {
        return readinessCheck("cluster");
    }

    /** The readiness check {@code name} with its details, as {@code ?exposureLevel=full&data=true} shows it. */
    JsonNode readinessCheck(String name) {
        JsonNode health = management.get("/observe/health/ready?exposureLevel=full&data=true").json();
        for (JsonNode check : health.get("checks")) {
            if (check.get("name").asText().equals(name)) {
                return check;
            }
        }
        throw new AssertionError("no check " + name + " in " + health);
    }

    /** The JVM still runs: it has not crashed nor exited. */
    boolean alive() {
        return process.isAlive();
    }

    /** SIGSTOP: the JVM stands still, mid-step, as a paused VM or a long GC would. */
    void freeze() throws Exception {
        signal("STOP");
    }

    /** SIGCONT after {@link #freeze}. */
    void resume() throws Exception {
        signal("CONT");
    }

    private void signal(String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /** kill -9. */
    void kill() throws InterruptedException {
        process.kill();
    }

    /** SIGTERM, then the graceful shutdown; returns the exit code. */
    int stop() throws InterruptedException {
        return process.stop();
    }

    String output() throws IOException {
        return process.output();
    }

    /** The poll cycles this node ran, from its log. */
    List<CycleSpans.Span> cycles() throws IOException {
        return CycleSpans.of(process.output());
    }

    private double gauge(String name) {
        return management.metrics().value(name, "node", id);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
