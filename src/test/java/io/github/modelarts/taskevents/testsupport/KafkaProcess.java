package io.github.modelarts.taskevents.testsupport;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.awaitility.Awaitility;

/**
 * A real KRaft broker in its own JVM (kafka.Kafka from the Maven-resolved kafka_2.13 jar), so a test can
 * take Kafka away and bring it back on the same port with the same data. {@link #withCuttableListener()} adds a
 * second listener reached through a {@link TcpProxy}, so a test can cut some clients off from Kafka and not others.
 */
public final class KafkaProcess implements AutoCloseable {
    private final Path dir;
    private final int port;
    /** Null unless the broker has the listener CUT. */
    private final TcpProxy proxy;
    private JavaProcess broker;

    public KafkaProcess() throws IOException {
        this(false);
    }

    /**
     * With a second listener, CUT, advertised as {@link #proxy()}'s port: a client that bootstraps through the proxy
     * (at {@link #proxiedBootstrapServers()}) learns the proxy's address from the metadata too, so every connection it
     * makes goes through the proxy, and {@link TcpProxy#cut()} cuts it off from Kafka.
     */
    public static KafkaProcess withCuttableListener() throws IOException {
        return new KafkaProcess(true);
    }

    private KafkaProcess(boolean cuttable) throws IOException {
        this.dir = Files.createTempDirectory("kafka-process");
        this.port = freePort();
        int controllerPort = freePort();
        int cutPort = cuttable ? freePort() : 0;
        this.proxy = cuttable ? new TcpProxy(cutPort) : null;
        String listeners = "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort
                + (cuttable ? ",CUT://127.0.0.1:" + cutPort : "");
        // the broker's own traffic stays on PLAINTEXT (its inter-broker listener by default), whatever the proxy does
        String advertised = "PLAINTEXT://127.0.0.1:" + port + (cuttable ? ",CUT://127.0.0.1:" + proxy.port() : "");
        Properties config = new Properties();
        config.putAll(Map.of(
                "process.roles", "broker,controller",
                "node.id", "1",
                "controller.quorum.voters", "1@127.0.0.1:" + controllerPort,
                "listeners", listeners,
                "advertised.listeners", advertised,
                "controller.listener.names", "CONTROLLER",
                "listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"
                        + (cuttable ? ",CUT:PLAINTEXT" : ""),
                "log.dirs", dir.resolve("logs").toString(),
                "offsets.topic.replication.factor", "1",
                "group.initial.rebalance.delay.ms", "0"));
        config.putAll(Map.of("transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                // one partition to create and load instead of 50 when the group coordinator starts
                "offsets.topic.num.partitions", "1",
                // after a kill the restarted controller holds the old registration until its session times
                // out: 3 s instead of the default 9 s (heartbeats every 0.5 s instead of 2 s keep it alive)
                "broker.session.timeout.ms", "3000",
                "broker.heartbeat.interval.ms", "500"));
        try (var out = Files.newOutputStream(dir.resolve("server.properties"))) {
            config.store(out, "test broker");
        }
        // in this JVM: the tool's classes are loaded already, while a JVM of its own takes seconds to start
        try (PrintStream out = new PrintStream(Files.newOutputStream(dir.resolve("format.log")), true, UTF_8)) {
            int exit = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c",
                    dir.resolve("server.properties").toString()}, out);
            if (exit != 0) {
                throw new IllegalStateException("kafka storage format failed: "
                        + Files.readString(dir.resolve("format.log")));
            }
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The listener CUT, through the proxy; only of a broker {@link #withCuttableListener()}. */
    public String proxiedBootstrapServers() {
        return "127.0.0.1:" + proxy().port();
    }

    /** The proxy in front of the listener CUT; only of a broker {@link #withCuttableListener()}. */
    public TcpProxy proxy() {
        if (proxy == null) {
            throw new IllegalStateException("this broker has no listener CUT: start it withCuttableListener()");
        }
        return proxy;
    }

    /** Starts the broker (again) and returns once it answers. */
    public void start() throws IOException {
        broker = JavaProcess.start("kafka.Kafka", List.of(dir.resolve("server.properties").toString()), Map.of(),
                dir.resolve("broker.log"));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            Awaitility.await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> !admin.describeCluster().nodes().get().isEmpty());
        }
    }

    /** Takes the broker away at once, as a crash or network cut would. */
    public void kill() throws InterruptedException {
        broker.kill();
    }

    @Override
    public void close() throws InterruptedException, IOException {
        if (broker != null) {
            broker.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
