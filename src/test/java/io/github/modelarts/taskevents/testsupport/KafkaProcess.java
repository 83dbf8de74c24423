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
 * take Kafka away and bring it back on the same port with the same data.
 */
public final class KafkaProcess implements AutoCloseable {
    private final Path dir;
    private final int port;
    private JavaProcess broker;

    public KafkaProcess() throws IOException {
        this.dir = Files.createTempDirectory("kafka-process");
        this.port = freePort();
        int controllerPort = freePort();
        Properties config = new Properties();
        config.putAll(Map.of(
                "process.roles", "broker,controller",
                "node.id", "1",
                "controller.quorum.voters", "1@127.0.0.1:" + controllerPort,
                "listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners", "PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names", "CONTROLLER",
                "listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
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
    public void close() throws InterruptedException {
        if (broker != null) {
            broker.close();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
