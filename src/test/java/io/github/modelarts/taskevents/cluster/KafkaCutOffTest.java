package io.github.modelarts.taskevents.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.modelarts.taskevents.testsupport.KafkaProcess;
import io.github.modelarts.taskevents.testsupport.Pipeline;
import io.github.modelarts.taskevents.testsupport.SharedPostgres;
import io.github.modelarts.taskevents.testsupport.TaskGetLog;
import io.github.modelarts.taskevents.testsupport.TopicReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Issue #13: a node cut off from Kafka but not from PostgreSQL. It runs the cycles while cut (it had them, or takes
 * them over when the other node dies), and Quartz, which sees it check in, gives them to no other node: it polls and
 * records on, its publisher gets no transaction through and says so, and nothing reaches Kafka. Once it heals, every
 * terminal event arrives once and the outbox drains.
 */
class KafkaCutOffTest {
    private static final int TASKS = 8;
    /** As in ClusterFailoverTest: check-ins aging out, the survivor's own rhythm, the next tick, slack. */
    private static final Duration TAKEOVER = Duration.ofMillis(3 * ClusterNode.CHECKIN_INTERVAL_MS + 2 * 1000 + 10_000);

    @Test
    void givenTheNodeRunningTheCycles_whenCutOffFromKafka_thenItRecordsOnAndOnceHealedEachEventIsOnKafkaOnce()
            throws Exception {
        cutOffFromKafka(true);
    }

    @Test
    void givenAStandbyCutOffFromKafka_whenTheOtherNodeDies_thenItTakesTheCyclesAndOnceHealedEachEventIsOnKafkaOnce()
            throws Exception {
        cutOffFromKafka(false);
    }

    /**
     * The node started first runs the cycles once the second starts (Quartz hands the next tick to the node whose
     * cycle just ended); should the other have them at the cut, it is killed, so that the cut-off node runs them.
     */
    private static void cutOffFromKafka(boolean cutOffNodeFirst) throws Exception {
        TaskGetLog gets = new TaskGetLog();
        List<String> tasks = ClusterEvents.taskIds(TASKS);
        List<String> endBefore = tasks.subList(0, TASKS / 2);
        List<String> endWhileCut = tasks.subList(TASKS / 2, TASKS);
        try (KafkaProcess kafka = KafkaProcess.withCuttableListener()) {
            kafka.start();
            try (Pipeline pipeline = new Pipeline(gets).watching(ClusterEvents.refs(tasks))
                    .with("kafka.bootstrap.servers", kafka.bootstrapServers());
                 TopicReader reader = pipeline.reader()) {
                ClusterEvents.putRunning(pipeline.simulator(), tasks);
                String jdbcUrl = SharedPostgres.newDatabase();
                String cluster = ClusterNode.newClusterName();
                try (ClusterNode first = start(pipeline, cluster, jdbcUrl, kafka, cutOffNodeFirst);
                     ClusterNode second = startOnceRunning(first, pipeline, cluster, jdbcUrl, kafka,
                             !cutOffNodeFirst)) {
                    ClusterNode cutOff = cutOffNodeFirst ? first : second;
                    ClusterNode direct = cutOffNodeFirst ? second : first;
                    List<ClusterNode> nodes = List.of(cutOff, direct);
                    ClusterNode.awaitReady(nodes);
                    ClusterEvents.end(pipeline.simulator(), endBefore);
                    ClusterEvents.awaitTerminal(reader, endBefore);
                    Awaitility.await().atMost(Duration.ofSeconds(10))
                            .until(() -> nodes.stream().filter(ClusterNode::runsCycles).count() == 1);

                    kafka.proxy().cut();
                    long cutAt = System.currentTimeMillis();
                    boolean hadTheCycles = cutOff.runsCycles();
                    if (!hadTheCycles) {
                        // the only way the cycles move to it: the node that runs them dies
                        direct.kill();
                    }
                    Awaitility.await().atMost(TAKEOVER).until(cutOff::runsCycles);
                    ClusterEvents.end(pipeline.simulator(), endWhileCut);

                    // it polls and records: the terminal events wait in the shared outbox
                    Awaitility.await().atMost(Duration.ofSeconds(20))
                            .until(() -> pendingKeys(jdbcUrl).containsAll(endWhileCut));
                    assertThat(cutOff.cycles().stream().filter(cycle -> cycle.start() > cutAt))
                            .as("cycles the cut-off node ran since the cut (it had them before: %s)", hadTheCycles)
                            .isNotEmpty();
                    assertThat(gets.since(cutAt)).isNotEmpty();
                    // its publisher gets no transaction through, and says so
                    Awaitility.await().atMost(Duration.ofSeconds(20))
                            .until(() -> cutOff.readinessCheck("kafka").get("status").asText().equals("DOWN"));
                    assertThat(cutOff.ready()).isFalse();
                    Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                            .until(() -> reader.all().stream().filter(ClusterEvents::isTerminal)
                                    .noneMatch(event -> endWhileCut.contains(event.key())));
                    assertThat(cutOff.alive()).as("the cut-off node runs on").isTrue();
                    if (hadTheCycles) {
                        // the standby reaches Kafka, yet neither publishes nor takes the cycles: Quartz sees the
                        // cut-off node check in
                        assertThat(direct.publishes()).isFalse();
                        assertThat(direct.runsCycles()).isFalse();
                        assertThat(direct.ready()).isTrue();
                    }

                    kafka.proxy().heal();
                    ClusterEvents.awaitTerminal(reader, endWhileCut);
                    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> pendingKeys(jdbcUrl).isEmpty());
                    Awaitility.await().atMost(Duration.ofSeconds(10)).until(cutOff::ready);
                    assertThat(cutOff.alive()).isTrue();
                    assertThat(direct.alive()).as("the direct node lives unless the test killed it")
                            .isEqualTo(hadTheCycles);
                    ClusterEvents.assertEachOnce(reader, tasks);
                }
            }
        }
    }

    /** The node that reaches Kafka {@code throughProxy}, or the one that reaches it directly. */
    private static ClusterNode start(Pipeline pipeline, String cluster, String jdbcUrl, KafkaProcess kafka,
                                     boolean throughProxy) throws Exception {
        return throughProxy ? ClusterNode.start(pipeline, cluster, jdbcUrl, "node-cut", throughProxy(kafka))
                : ClusterNode.start(pipeline, cluster, jdbcUrl, "node-direct");
    }

    private static ClusterNode startOnceRunning(ClusterNode first, Pipeline pipeline, String cluster, String jdbcUrl,
                                                KafkaProcess kafka, boolean throughProxy) throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> first.ready() && first.runsCycles());
        return start(pipeline, cluster, jdbcUrl, kafka, throughProxy);
    }

    /** The cut-off node reaches Kafka through the proxy only, with short timeouts so that it notices the cut soon. */
    private static Map<String, String> throughProxy(KafkaProcess kafka) {
        return Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.proxiedBootstrapServers(),
                "CAMEL_COMPONENT_KAFKA_MAX_BLOCK_MS", "1500",
                "CAMEL_COMPONENT_KAFKA_DELIVERY_TIMEOUT_MS", "3000",
                "CAMEL_COMPONENT_KAFKA_REQUEST_TIMEOUT_MS", "1000");
    }

    /** The tasks with events in the shared outbox that Kafka has not committed yet. */
    private static Set<String> pendingKeys(String jdbcUrl) throws SQLException {
        Set<String> keys = new HashSet<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT DISTINCT record_key FROM outbox WHERE state = 'pending'")) {
            while (rows.next()) {
                keys.add(rows.getString(1));
            }
        }
        return keys;
    }
}
