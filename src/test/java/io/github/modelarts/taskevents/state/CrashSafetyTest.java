package io.github.modelarts.taskevents.state;

import static io.github.modelarts.taskevents.testsupport.TaskBodies.failed;
import static io.github.modelarts.taskevents.testsupport.TaskBodies.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.modelarts.taskevents.App;
import io.github.modelarts.taskevents.HaltAfterFirstCommit;
import io.github.modelarts.taskevents.simulator.Fault;
import io.github.modelarts.taskevents.testsupport.JavaProcess;
import io.github.modelarts.taskevents.testsupport.Pipeline;
import io.github.modelarts.taskevents.testsupport.TopicReader;
import io.github.modelarts.taskevents.testsupport.TopicReader.Received;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the application process at points of a cycle; after a restart on the same state every
 * terminal event is on its topic, and a duplicate can only be a re-send with the same {@code ce_id}.
 */
class CrashSafetyTest {
    private static final String DS = "dsCrash";
    /** The JVM's status after SIGTERM once its shutdown hooks (Camel's graceful shutdown) have run. */
    private static final int SIGTERM_EXIT = 143;
    private static final Set<String> TERMINAL = Set.of("modelarts.task.succeeded", "modelarts.task.failed",
            "modelarts.task.stopped");

    @Test
    void givenKilledWhileFetching_whenRestarted_thenEveryTerminalEventOnce() throws Exception {
        try (Pipeline pipeline = endedTasks(); TopicReader reader = pipeline.reader()) {
            pipeline.simulator().injectGlobalFault(Fault.latency(Duration.ofSeconds(30)));
            try (JavaProcess app = startApp(pipeline, "first")) {
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> pipeline.simulator().requestCount() > 0);
                app.kill();
            }
            pipeline.simulator().clearFaults();

            try (JavaProcess app = startApp(pipeline, "second")) {
                assertTerminalEvents(reader, pipeline);
            }
        }
    }

    @Test
    void givenKilledAfterRecordingButBeforeKafkaAcknowledged_whenRestarted_thenEveryTerminalEventOnce()
            throws Exception {
        try (Pipeline pipeline = endedTasks(); TopicReader reader = pipeline.reader()) {
            String kafka = pipeline.environment().get("KAFKA_BOOTSTRAP_SERVERS");
            // the send to no broker fails after 1 s instead of the default 5
            pipeline.with("kafka.bootstrap.servers", "127.0.0.1:" + unusedPort())
                    .with("camel.component.kafka.max-block-ms", "1000");
            try (JavaProcess app = startApp(pipeline, "first")) {
                // the warning is logged after the events were recorded and the first send failed
                Awaitility.await().atMost(Duration.ofSeconds(60))
                        .until(() -> app.output().contains("Kafka takes no transaction now"));
                app.kill();
            }
            assertThat(reader.all()).isEmpty();
            pipeline.with("kafka.bootstrap.servers", kafka);

            try (JavaProcess app = startApp(pipeline, "second")) {
                assertTerminalEvents(reader, pipeline);
            }
        }
    }

    @Test
    void givenKilledRightAfterTheFirstPublish_whenRestarted_thenEveryTerminalEventOnce() throws Exception {
        try (Pipeline pipeline = endedTasks(); TopicReader reader = pipeline.reader()) {
            try (JavaProcess app = startApp(pipeline, "first")) {
                reader.await(1, r -> true);
                app.kill();
            }

            try (JavaProcess app = startApp(pipeline, "second")) {
                assertTerminalEvents(reader, pipeline);
            }
        }
    }

    @Test
    void givenKilledBetweenKafkasCommitAndTheOutboxMark_whenRestarted_thenEveryEventOnce() throws Exception {
        try (Pipeline pipeline = endedTasks(); TopicReader reader = pipeline.reader()) {
            try (JavaProcess app = JavaProcess.start(HaltAfterFirstCommit.class.getName(), List.of(),
                    pipeline.environment(), pipeline.stateDir().resolve("halted.log"))) {
                assertThat(app.waitForExit(Duration.ofSeconds(60))).isEqualTo(HaltAfterFirstCommit.HALTED);
            }
            List<Received> committed = reader.all();
            assertThat(committed).as("Kafka had committed a transaction when the JVM stopped").isNotEmpty();
            assertThat(pipeline.stateDir().resolve("halted.log")).content().contains("halting after Kafka committed");

            try (JavaProcess app = startApp(pipeline, "second")) {
                assertTerminalEvents(reader, pipeline);
            }
            // the restarted publisher found the committed rows in the commit log, so it sent none of them again
            assertThat(reader.all().stream().map(r -> r.header("ce_id"))).doesNotHaveDuplicates();
        }
    }

    @Test
    void givenSigtermDuringAFetch_whenStopped_thenShutsDownGracefullyAndARestartPublishesEachEventOnce()
            throws Exception {
        try (Pipeline pipeline = endedTasks(); TopicReader reader = pipeline.reader()) {
            // below the 2 s read timeout: the fetch in flight ends by itself, with no timeout and retries to wait out
            pipeline.simulator().injectGlobalFault(Fault.latency(Duration.ofSeconds(1)));
            try (JavaProcess app = startApp(pipeline, "first")) {
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> pipeline.simulator().requestCount() > 0);
                int exit = app.stop();

                assertThat(exit).isEqualTo(SIGTERM_EXIT);
                assertThat(app.output()).contains("shutdown");
            }
            pipeline.simulator().clearFaults();

            try (JavaProcess app = startApp(pipeline, "second")) {
                assertTerminalEvents(reader, pipeline);
            }
        }
    }

    /** Three tasks that have already ended: each must yield exactly one terminal outcome. */
    private static Pipeline endedTasks() {
        Pipeline pipeline = new Pipeline().watching(DS + "/ok", DS + "/broken", DS + "/halted")
                .with("poll.cron", "* * * * * ?");
        pipeline.simulator().putTask(DS, task("ok", 3, "ModelArts.4996"));
        pipeline.simulator().putTask(DS, failed("broken", "ModelArts.4917", "Failed to execute the auto labeling task."));
        pipeline.simulator().putTask(DS, task("halted", 5, "ModelArts.4393"));
        return pipeline;
    }

    private static JavaProcess startApp(Pipeline pipeline, String name) throws IOException {
        return JavaProcess.start(App.class.getName(), List.of(), pipeline.environment(),
                pipeline.stateDir().resolve(name + ".log"));
    }

    /** Waits for a terminal event of every task, then checks each has exactly one record, of one outcome. */
    private static void assertTerminalEvents(TopicReader reader, Pipeline pipeline) {
        for (String task : List.of("ok", "broken", "halted")) {
            reader.await(1, r -> r.key().equals(task) && TERMINAL.contains(r.header("ce_type")));
        }
        // and no copy follows: a re-send would come with the next batch, within a second
        Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> reader.all().stream()
                .filter(r -> TERMINAL.contains(r.header("ce_type"))).count(), count -> count == 3);
        List<Received> terminal = reader.all().stream().filter(r -> TERMINAL.contains(r.header("ce_type"))).toList();
        Map<String, List<Received>> byTask = terminal.stream().collect(Collectors.groupingBy(Received::key));
        assertThat(byTask.keySet()).containsExactlyInAnyOrder("ok", "broken", "halted");
        byTask.forEach((task, events) -> {
            assertThat(events).as(task).hasSize(1);
            assertThat(events.stream().map(r -> r.header("ce_id")).distinct()).as(task).hasSize(1);
            assertThat(events.stream().map(r -> r.header("ce_type")).distinct()).as(task).hasSize(1);
        });
        assertThat(byTask.get("ok").get(0).topic()).isEqualTo(pipeline.topics().completed());
        assertThat(byTask.get("halted").get(0).topic()).isEqualTo(pipeline.topics().failed());
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
