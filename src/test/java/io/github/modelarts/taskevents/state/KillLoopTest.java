package io.github.modelarts.taskevents.state;

import static io.github.modelarts.taskevents.testsupport.TaskBodies.failed;
import static io.github.modelarts.taskevents.testsupport.TaskBodies.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.modelarts.taskevents.App;
import io.github.modelarts.taskevents.testsupport.JavaProcess;
import io.github.modelarts.taskevents.testsupport.KafkaProcess;
import io.github.modelarts.taskevents.testsupport.Pipeline;
import io.github.modelarts.taskevents.testsupport.TopicReader;
import io.github.modelarts.taskevents.testsupport.TopicReader.Received;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A single instance on H2, killed with kill -9 twenty times while its tasks end one after the other, and cut off from
 * Kafka for 40 s in the middle: a {@code read_committed} consumer gets every event exactly once.
 */
class KillLoopTest {
    private static final String DS = "ds-kill";
    private static final int KILLS = 20;
    private static final Duration OUTAGE = Duration.ofSeconds(40);
    /** The kill with which Kafka goes away, for {@link #OUTAGE}; the kills go on meanwhile. */
    private static final int OUTAGE_AFTER = 6;
    private static final Set<String> TERMINAL = Set.of("modelarts.task.succeeded", "modelarts.task.failed");

    @Test
    void givenTwentyKillsAndAFortySecondKafkaOutage_whileTasksEnd_thenEveryEventExactlyOnce() throws Exception {
        try (KafkaProcess kafka = new KafkaProcess();
             Pipeline pipeline = new Pipeline().with("kafka.bootstrap.servers", kafka.bootstrapServers())
                     .with("poll.cron", "* * * * * ?")
                     // a send to the missing broker fails within a second or two
                     .with("camel.component.kafka.max-block-ms", "1500")
                     .with("camel.component.kafka.delivery-timeout-ms", "3000")
                     .with("camel.component.kafka.request-timeout-ms", "1000")
                     .watching(IntStream.range(0, KILLS).mapToObj(i -> DS + "/" + name(i)).toArray(String[]::new))) {
            kafka.start();
            for (int i = 0; i < KILLS; i++) {
                pipeline.simulator().putTask(DS, task(name(i), 1, "ModelArts.4902"));
            }
            try (TopicReader reader = pipeline.reader()) {
                Long awaySince = null;
                for (int kill = 0; kill < KILLS; kill++) {
                    endTask(pipeline, kill);
                    if (kill == OUTAGE_AFTER) {
                        kafka.kill();
                        awaySince = System.nanoTime();
                    }
                    int ended = kill + 1;
                    try (JavaProcess app = start(pipeline, kill)) {
                        if (awaySince != null) {
                            // killed once it has recorded and found Kafka away
                            await().atMost(Duration.ofSeconds(90))
                                    .until(() -> app.output().contains("Kafka takes no transaction now"));
                        } else {
                            // killed once the task just ended is on Kafka: likely between a commit and its mark
                            await().atMost(Duration.ofSeconds(90)).until(() -> terminal(reader).size() >= ended);
                        }
                        app.kill();
                    }
                    if (awaySince != null && outageOver(awaySince)) {
                        kafka.start();
                        awaySince = null;
                    }
                }
                if (awaySince != null) {
                    // the kills came faster than the outage lasts: it ends all the same
                    Long since = awaySince;
                    await().atMost(OUTAGE).until(() -> outageOver(since));
                    kafka.start();
                }
                try (JavaProcess app = start(pipeline, KILLS)) {
                    await().atMost(Duration.ofSeconds(90)).until(() -> terminal(reader).size() == KILLS);
                    // and no copy follows (a re-send would come with the next batches, within a second or two): a
                    // progress and a terminal event per task
                    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                            .until(() -> reader.all().size(), size -> size == 2 * KILLS - 1);
                }
                List<Received> all = reader.all();
                assertThat(all.stream().map(r -> r.header("ce_id"))).doesNotHaveDuplicates();
                Map<String, List<Received>> byTask = all.stream().collect(Collectors.groupingBy(Received::key));
                // the first task had ended before the first start; every other was first seen running
                assertThat(byTask.remove(name(0))).extracting(r -> r.header("ce_type")).containsExactly(
                        "modelarts.task.succeeded");
                assertThat(byTask).hasSize(KILLS - 1).allSatisfy((task, events) -> assertThat(events)
                        .extracting(r -> r.header("ce_type"))
                        .as(task).hasSize(2).contains("modelarts.task.progress").containsAnyElementsOf(TERMINAL));
            }
        }
    }

    private static boolean outageOver(long awaySince) {
        return Duration.ofNanos(System.nanoTime() - awaySince).compareTo(OUTAGE) >= 0;
    }

    private static void endTask(Pipeline pipeline, int i) {
        pipeline.simulator().putTask(DS, i % 2 == 0 ? task(name(i), 3, "ModelArts.4996")
                : failed(name(i), "ModelArts.4917", "Failed to execute the auto labeling task."));
    }

    private static List<Received> terminal(TopicReader reader) {
        return reader.all().stream().filter(r -> TERMINAL.contains(r.header("ce_type"))).toList();
    }

    private static JavaProcess start(Pipeline pipeline, int run) throws IOException {
        return JavaProcess.start(App.class.getName(), List.of(), pipeline.environment(),
                pipeline.stateDir().resolve("run-" + run + ".log"));
    }

    private static String name(int i) {
        return String.format("t%02d", i);
    }
}
