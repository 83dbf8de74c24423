package io.github.modelarts.taskevents.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.modelarts.taskevents.testsupport.Pipeline;
import io.github.modelarts.taskevents.testsupport.SharedPostgres;
import io.github.modelarts.taskevents.testsupport.TopicReader;
import io.github.modelarts.taskevents.testsupport.TopicReader.Received;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The node that publishes is killed with kill -9 while one of its Kafka transactions is open: the other node takes
 * the cycles and the publishing over, its producer fences the dead one's and Kafka aborts that transaction, and the
 * batch goes out again. A {@code read_committed} consumer gets every event once; a {@code read_uncommitted} one sees
 * the aborted copies too.
 */
class PublisherKilledMidTransactionTest {
    private static final int WAVE = 40;
    private static final int WAVES = 8;
    /** Random, so that compression leaves each event large: a transaction then takes long enough to be caught. */
    private static final String LONG_MESSAGE = new BigInteger(1_200_000, new Random(13)).toString(36);

    @Test
    void givenTwoNodes_whenThePublisherIsKilledInsideATransaction_thenReadCommittedGetsEachEventOnce()
            throws Exception {
        List<String> tasks = ClusterEvents.taskIds(WAVE * WAVES);
        try (Pipeline pipeline = new Pipeline().watching(ClusterEvents.refs(tasks));
             TopicReader committed = pipeline.reader();
             TopicReader everything = TopicReader.uncommitted(pipeline.environment().get("KAFKA_BOOTSTRAP_SERVERS"),
                     pipeline.topics().failed())) {
            String bootstrap = pipeline.environment().get("KAFKA_BOOTSTRAP_SERVERS");
            ClusterEvents.putRunning(pipeline.simulator(), tasks);
            String jdbcUrl = SharedPostgres.newDatabase();
            String cluster = ClusterNode.newClusterName();
            try (ClusterNode first = ClusterNode.start(pipeline, cluster, jdbcUrl, "node-1");
                 ClusterNode second = ClusterNode.start(pipeline, cluster, jdbcUrl, "node-2")) {
                List<ClusterNode> nodes = List.of(first, second);
                ClusterNode.awaitReady(nodes);
                // the first sightings are published, so the transactions that follow are the waves' alone
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> committed.all().size() == tasks.size());

                List<String> ended = List.of();
                ClusterNode killed = null;
                for (int wave = 0; wave < WAVES && killed == null; wave++) {
                    ClusterNode publisher = Awaitility.await().atMost(Duration.ofSeconds(10))
                            .until(() -> nodes.stream().filter(ClusterNode::publishes).findFirst().orElse(null),
                                    node -> node != null);
                    List<String> these = tasks.subList(wave * WAVE, (wave + 1) * WAVE);
                    ended = tasks.subList(0, (wave + 1) * WAVE);
                    int seenBefore = everything.all().size();
                    fail(pipeline, these);
                    Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                            .until(() -> everything.all().size() > seenBefore);
                    publisher.freeze();
                    if (insideTransaction(bootstrap, pipeline.topics().failed())) {
                        publisher.kill();
                        killed = publisher;
                    } else {
                        publisher.resume();
                    }
                }
                assertThat(killed).as("a kill inside a transaction in one of %d waves", WAVES).isNotNull();

                List<String> allEnded = ended;
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> terminalKeys(committed)
                        .containsAll(allEnded));
                Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                        .until(() -> terminal(committed).size() == allEnded.size());
                assertThat(terminal(committed)).extracting(Received::key).doesNotHaveDuplicates()
                        .containsExactlyInAnyOrderElementsOf(allEnded);
                assertThat(committed.all().stream().map(r -> r.header("ce_id"))).doesNotHaveDuplicates();
                // the aborted transaction's records and, after them, the same events sent again
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> everything.all().stream()
                        .collect(Collectors.groupingBy(r -> r.header("ce_id"), Collectors.counting()))
                        .containsValue(2L));
            }
        }
    }

    /**
     * Whether a transaction stays open on the topic while the publisher is frozen: Kafka's last stable offset, up to
     * which a {@code read_committed} consumer may read, stays behind the high watermark. A transaction whose commit
     * was asked for just before the freeze is behind only until the broker writes its markers, a few milliseconds.
     */
    private static boolean insideTransaction(String bootstrap, String topic) {
        TopicPartition partition = new TopicPartition(topic, 0);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                    .until(() -> end(admin, partition, IsolationLevel.READ_COMMITTED)
                            < end(admin, partition, IsolationLevel.READ_UNCOMMITTED));
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    private static long end(Admin admin, TopicPartition partition, IsolationLevel isolation) throws Exception {
        return admin.listOffsets(Map.of(partition, OffsetSpec.latest()), new ListOffsetsOptions(isolation)).all()
                .get(10, TimeUnit.SECONDS).get(partition).offset();
    }

    private static void fail(Pipeline pipeline, List<String> taskIds) {
        for (String id : taskIds) {
            pipeline.simulator().updateTask(ClusterEvents.DS, id, Map.of("status", 2, "code", "ModelArts.4917",
                    "error_code", "ModelArts.4917", "error_msg", LONG_MESSAGE));
        }
    }

    private static List<Received> terminal(TopicReader reader) {
        return reader.all().stream().filter(r -> r.header("ce_type").equals("modelarts.task.failed")).toList();
    }

    private static Set<String> terminalKeys(TopicReader reader) {
        return terminal(reader).stream().map(Received::key).collect(Collectors.toSet());
    }
}
