package io.github.modelarts.taskevents.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.modelarts.taskevents.testsupport.Pipeline;
import io.github.modelarts.taskevents.testsupport.SharedKafka;
import io.github.modelarts.taskevents.testsupport.SharedPostgres;
import io.github.modelarts.taskevents.testsupport.TaskGetLog;
import io.github.modelarts.taskevents.testsupport.TopicReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Three nodes in JVMs of their own on one PostgreSQL, one simulator and one Kafka broker: the cycles run on one
 * node at a time, so no task is polled twice in a tick, and each terminal event reaches Kafka once.
 */
class ClusterPollingTest {
    private static final int TASKS = 200;
    /** Not in MODELARTS_TASKS: watched by a request on TOPIC_WATCH. */
    private static final String REQUESTED = "t" + TASKS;

    @Test
    void givenThreeNodes_whenTwoHundredTasksRunAndEnd_thenEachPolledAtMostOncePerCycleAndEachEventOnce()
            throws Exception {
        TaskGetLog gets = new TaskGetLog();
        List<String> tasks = ClusterEvents.taskIds(TASKS);
        try (Pipeline pipeline = new Pipeline(gets).watching(ClusterEvents.refs(tasks));
             TopicReader reader = pipeline.reader()) {
            ClusterEvents.putRunning(pipeline.simulator(), tasks);
            String jdbcUrl = SharedPostgres.newDatabase();
            String cluster = ClusterNode.newClusterName();
            try (ClusterNode first = ClusterNode.start(pipeline, cluster, jdbcUrl, "node-1");
                 ClusterNode second = ClusterNode.start(pipeline, cluster, jdbcUrl, "node-2");
                 ClusterNode third = ClusterNode.start(pipeline, cluster, jdbcUrl, "node-3")) {
                List<ClusterNode> nodes = List.of(first, second, third);
                ClusterNode.awaitReady(nodes);
                long allReady = System.currentTimeMillis();
                // two cycles with every node up, whichever runs them
                Awaitility.await().atMost(Duration.ofSeconds(20))
                        .until(() -> gets.since(allReady).size() >= 2 * TASKS);
                // read by one node of the consumer group, polled by the one that runs the cycles
                ClusterEvents.putRunning(pipeline.simulator(), List.of(REQUESTED));
                requestWatch(pipeline, REQUESTED);
                Awaitility.await().atMost(Duration.ofSeconds(30))
                        .until(() -> gets.gets().stream().anyMatch(get -> get.taskId().equals(REQUESTED)));

                List<String> watched = new ArrayList<>(tasks);
                watched.add(REQUESTED);
                ClusterEvents.end(pipeline.simulator(), watched);
                ClusterEvents.awaitTerminal(reader, watched);

                List<CycleSpans.Span> cycles = new ArrayList<>();
                for (ClusterNode node : nodes) {
                    cycles.addAll(node.cycles());
                }
                // the GETs of cycles that ended: one still running may have polled half its tasks
                long lastEnd = cycles.stream().mapToLong(CycleSpans.Span::end).max().orElseThrow();
                List<TaskGetLog.Get> polled = gets.gets().stream().filter(get -> get.millis() <= lastEnd).toList();
                assertThat(CycleSpans.overlapping(cycles)).as("cycles at the same time").isEmpty();
                assertThat(CycleSpans.outside(cycles, polled)).as("GETs outside the cycles the nodes logged").isEmpty();
                assertThat(CycleSpans.polledTwiceInOneCycle(cycles, polled)).as("tasks polled twice in one cycle")
                        .isEmpty();
                assertThat(cycles.stream().map(CycleSpans.Span::node).distinct()).as("nodes that ran cycles")
                        .isNotEmpty();
                // a tick taken over by another node counts on both for a check-in interval
                Awaitility.await().atMost(Duration.ofSeconds(10))
                        .until(() -> nodes.stream().filter(ClusterNode::runsCycles).count() == 1);
                for (ClusterNode node : nodes) {
                    JsonNode check = node.clusterCheck();
                    assertThat(check.get("status").asText()).as(node.id()).isEqualTo("UP");
                    assertThat(check.findValue("node_id").asText()).isEqualTo(node.id());
                    assertThat(check.findValue("publishes").asBoolean()).as(node.id())
                            .isEqualTo(check.findValue("runs_cycles").asBoolean());
                }
                long applied = 0;
                for (ClusterNode node : nodes) {
                    applied += node.output().lines().filter(line -> line.contains("Watch request applied")).count();
                }
                assertThat(applied).as("nodes that applied the watch request").isEqualTo(1);
                ClusterEvents.assertEachOnce(reader, watched);
            }
        }
    }

    private static void requestWatch(Pipeline pipeline, String taskId) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(pipeline.topics().watch(), taskId, "{\"dataset_id\":\""
                    + ClusterEvents.DS + "\",\"task_id\":\"" + taskId + "\",\"action\":\"watch\"}")).get();
        }
    }
}
