package io.github.modelarts.taskevents.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.modelarts.taskevents.testsupport.Pipeline;
import io.github.modelarts.taskevents.testsupport.SharedPostgres;
import io.github.modelarts.taskevents.testsupport.TaskGetLog;
import io.github.modelarts.taskevents.testsupport.TopicReader;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The node that runs the cycles goes away: another takes them over, and no terminal event is lost or doubled. Killed,
 * it is found dead once it missed its check-ins; stopped, it hands its tick back as it shuts down.
 */
class ClusterFailoverTest {
    private static final int TASKS = 20;
    /** The JVM's status after SIGTERM once its shutdown hooks (Camel's graceful shutdown) have run. */
    private static final int SIGTERM_EXIT = 143;
    /**
     * The dead node's last check-in, one missed interval and the margin of one more (ClusterJobStore), the survivor's
     * own check-in rhythm, and the next tick with one of slack.
     */
    private static final Duration TAKEOVER = Duration.ofMillis(3 * ClusterNode.CHECKIN_INTERVAL_MS + 2 * 1000);

    /** How the node that runs the cycles goes away. */
    private interface Departure {
        void of(ClusterNode node) throws Exception;
    }

    @Test
    void givenTwoNodes_whenTheOneRunningTheCyclesIsKilled_thenTheOtherRunsThemAndEachEventIsOnKafkaOnce()
            throws Exception {
        handOver(ClusterNode::kill);
    }

    @Test
    void givenTwoNodes_whenTheOneRunningTheCyclesIsStopped_thenTheOtherRunsThemAndEachEventIsOnKafkaOnce()
            throws Exception {
        handOver(node -> assertThat(node.stop()).isEqualTo(SIGTERM_EXIT));
    }

    private static void handOver(Departure departure) throws Exception {
        TaskGetLog gets = new TaskGetLog();
        List<String> tasks = ClusterEvents.taskIds(TASKS);
        List<String> endBefore = tasks.subList(0, TASKS / 2);
        List<String> endAfter = tasks.subList(TASKS / 2, TASKS);
        try (Pipeline pipeline = new Pipeline(gets).watching(ClusterEvents.refs(tasks));
             TopicReader reader = pipeline.reader()) {
            ClusterEvents.putRunning(pipeline.simulator(), tasks);
            String jdbcUrl = SharedPostgres.newDatabase();
            String cluster = ClusterNode.newClusterName();
            try (ClusterNode first = ClusterNode.start(pipeline, cluster, jdbcUrl, "node-1");
                 ClusterNode second = ClusterNode.start(pipeline, cluster, jdbcUrl, "node-2")) {
                List<ClusterNode> nodes = List.of(first, second);
                ClusterNode.awaitReady(nodes);
                ClusterEvents.end(pipeline.simulator(), endBefore);
                ClusterEvents.awaitTerminal(reader, endBefore);
                ClusterNode running = Awaitility.await().atMost(Duration.ofSeconds(10))
                        .until(() -> nodes.stream().filter(ClusterNode::runsCycles).findFirst().orElse(null),
                                node -> node != null);
                ClusterNode survivor = running == first ? second : first;

                departure.of(running);
                long goneAt = System.currentTimeMillis();
                ClusterEvents.end(pipeline.simulator(), endAfter);

                Awaitility.await().atMost(TAKEOVER.plusSeconds(10)).pollInterval(Duration.ofMillis(50))
                        .until(() -> !gets.since(goneAt).isEmpty());
                long takenOver = gets.since(goneAt).get(0).millis() - goneAt;
                ClusterEvents.awaitTerminal(reader, endAfter);

                assertThat(Duration.ofMillis(takenOver)).as("from the node's end to the survivor's first poll")
                        .isLessThanOrEqualTo(TAKEOVER);
                assertThat(survivor.runsCycles()).isTrue();
                assertThat(survivor.publishes()).isTrue();
                assertThat(survivor.ready()).isTrue();
                assertThat(survivor.clusterCheck().findValue("runs_cycles").asBoolean()).isTrue();
                assertThat(survivor.clusterCheck().findValue("publishes").asBoolean()).isTrue();
                ClusterEvents.assertEachOnce(reader, tasks);
            }
        }
    }
}
