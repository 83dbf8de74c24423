package io.github.modelarts.taskevents.state;

import static io.github.modelarts.taskevents.testsupport.TaskBodies.failed;
import static io.github.modelarts.taskevents.testsupport.TaskBodies.task;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.modelarts.taskevents.task.model.TaskJson;
import io.github.modelarts.taskevents.testsupport.KafkaProcess;
import io.github.modelarts.taskevents.testsupport.Pipeline;
import io.github.modelarts.taskevents.testsupport.TaskBodies;
import io.github.modelarts.taskevents.testsupport.TopicReader;
import io.github.modelarts.taskevents.testsupport.TopicReader.Received;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingConsumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The delivery guarantees (docs/events.md#delivery) across restarts and Kafka outages, on H2 and PostgreSQL. */
class DurabilityTest {
    private static final String DS = "dsDurable";
    private static EmbeddedPostgres postgres;

    static Stream<String> stores() {
        return Stream.of("h2", "postgres");
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @ParameterizedTest(name = "state in {0}")
    @MethodSource("stores")
    void givenTasksFinished_whenRestartedOnTheSameState_thenExactlyOneTerminalEventPerRun(String store)
            throws Exception {
        try (Pipeline pipeline = onStore(new Pipeline(), store).watching(DS + "/a", DS + "/b", DS + "/sentinel");
             TopicReader reader = pipeline.reader()) {
            pipeline.simulator().putTask(DS, task("a", 3, "ModelArts.4996"));
            pipeline.simulator().putTask(DS, task("b", 1, "ModelArts.4902"));
            pipeline.simulator().putTask(DS, task("sentinel", 1, "ModelArts.4902"));
            pipeline.with("terminal.recheck.cycles", "1").start();
            pipeline.poll();
            pipeline.simulator().putTask(DS, failed("b", "ModelArts.4917", "Failed to execute the auto labeling task."));
            pipeline.poll();
            reader.await(1, r -> r.key().equals("b") && r.topic().equals(pipeline.topics().failed()));

            pipeline.restart();
            pipeline.poll();
            pipeline.poll();
            pipeline.simulator().updateTask(DS, "sentinel", Map.of("code", "ModelArts.4904"));
            pipeline.poll();

            reader.await(2, r -> r.key().equals("sentinel"));
            List<Received> all = reader.all();
            assertThat(all).filteredOn(r -> r.key().equals("a")).extracting(r -> r.header("ce_type"))
                    .containsExactly("modelarts.task.succeeded");
            assertThat(all).filteredOn(r -> r.key().equals("b")).extracting(r -> r.header("ce_type"))
                    .containsExactlyInAnyOrder("modelarts.task.progress", "modelarts.task.failed");
        }
    }

    @Test
    void givenKafkaDownWhileTasksEnd_whenItReturns_thenEveryEventArrivesInOrderAndNoneTwice() throws Exception {
        try (KafkaProcess kafka = new KafkaProcess();
             Pipeline pipeline = new Pipeline().with("kafka.bootstrap.servers", kafka.bootstrapServers())
                     .watching(DS + "/x", DS + "/y")) {
            kafka.start();
            pipeline.simulator().putTask(DS, task("x", 0, "ModelArts.4914"));
            pipeline.simulator().putTask(DS, task("y", 1, "ModelArts.4902"));
            pipeline.start();
            try (TopicReader reader = pipeline.reader()) {
                pipeline.poll();
                reader.await(2, r -> true);
            }

            kafka.kill();
            pipeline.simulator().updateTask(DS, "x", Map.of("status", 1, "code", "ModelArts.4902"));
            pipeline.poll();
            pipeline.simulator().updateTask(DS, "x", Map.of("code", "ModelArts.4904"));
            pipeline.simulator().putTask(DS, task("y", 5, "ModelArts.4393"));
            pipeline.poll();
            pipeline.simulator().putTask(DS, task("x", 3, "ModelArts.4996"));
            pipeline.poll();
            assertThat(pipeline.application().store().backlog()).isEqualTo(4);
            kafka.start();

            try (TopicReader reader = pipeline.reader()) {
                reader.await(6, r -> true);
                pipeline.poll();
                List<Received> all = reader.await(6, r -> true);
                assertThat(all).hasSize(6);
                // Kafka orders records within a topic, so order is checked per topic
                assertThat(steps(all, "x")).containsExactly("progress:ModelArts.4914", "progress:ModelArts.4902",
                        "progress:ModelArts.4904", "succeeded:ModelArts.4996");
                assertThat(steps(all, "y")).containsExactly("progress:ModelArts.4902", "stopped:ModelArts.4393");
            }
            assertThat(pipeline.application().store().backlog()).isZero();
        }
    }

    @ParameterizedTest(name = "state in {0}")
    @MethodSource("stores")
    void givenFieldsLongerThanAnyColumnOnceWas_whenTheTaskSucceeds_thenOneCompletionEventAcrossARestart(String store)
            throws Throwable {
        assertCompletedWholeAndOnce(store, longFields("long"), pipeline -> { });
    }

    @ParameterizedTest(name = "state in {0}")
    @MethodSource("stores")
    void givenStateTablesOfTheEarlierNarrowSchema_whenStarted_thenLongFieldsAreStoredToo(String store)
            throws Throwable {
        assertCompletedWholeAndOnce(store, longFields("old"), pipeline -> createNarrowSchema(pipeline, store));
    }

    @ParameterizedTest(name = "state in {0}")
    @MethodSource("stores")
    void givenNulCharactersInTheFields_whenTheTaskSucceeds_thenItsCompletionEventCarriesThemOnce(String store)
            throws Throwable {
        // U+0000 is legal in a JSON string, but PostgreSQL refuses it in any text column
        ObjectNode task = task("nul", 3, "ModelArts.4996\0");
        task.put("task_name", "name\0with nul");
        task.put("create_time", TaskBodies.CREATED + "\0");
        assertCompletedWholeAndOnce(store, task, pipeline -> { });
    }

    /** A succeeded task whose display name, code and run are far longer than ModelArts ever sends. */
    private static ObjectNode longFields(String taskId) {
        ObjectNode task = task(taskId, 3, "ModelArts.4996-" + "c".repeat(185));
        task.put("task_name", "n".repeat(640));
        task.put("create_time", TaskBodies.CREATED + " " + "r".repeat(180));
        return task;
    }

    /**
     * The succeeded task's completion event carries its fields as the API sent them. After a restart the task
     * is polled again (terminal tasks are re-checked every cycle here) and not published again: the run it
     * remembers is the run the API still sends.
     */
    private static void assertCompletedWholeAndOnce(String store, ObjectNode succeeded,
                                                    ThrowingConsumer<Pipeline> beforeStart) throws Throwable {
        String taskId = succeeded.get("task_id").asText();
        try (Pipeline pipeline = onStore(new Pipeline(), store).watching(DS + "/" + taskId, DS + "/sentinel");
             TopicReader reader = pipeline.reader()) {
            beforeStart.accept(pipeline);
            pipeline.simulator().putTask(DS, succeeded);
            pipeline.simulator().putTask(DS, task("sentinel", 1, "ModelArts.4902"));
            pipeline.with("terminal.recheck.cycles", "1").start();

            pipeline.poll();

            JsonNode value = TaskJson.MAPPER.readTree(reader.awaitOnTopic(pipeline.topics().completed(), 1).get(0)
                    .value());
            for (String field : List.of("task_name", "code", "create_time")) {
                assertThat(value.get(field).asText()).as(field).isEqualTo(succeeded.get(field).asText());
            }
            pipeline.restart();
            pipeline.poll();
            pipeline.simulator().updateTask(DS, "sentinel", Map.of("code", "ModelArts.4904"));
            pipeline.poll();

            reader.await(2, r -> r.key().equals("sentinel"));
            assertThat(reader.all()).filteredOn(r -> r.key().equals(taskId)).extracting(r -> r.header("ce_type"))
                    .containsExactly("modelarts.task.succeeded");
        }
    }

    /** task_state as the first versions created it, before the application opens the database. */
    private static void createNarrowSchema(Pipeline pipeline, String store) throws Exception {
        String url = store.equals("postgres") ? pipeline.environment().get("STATE_JDBC_URL")
                : "jdbc:h2:file:" + pipeline.stateDir().toAbsolutePath().resolve("state");
        try (Connection c = DriverManager.getConnection(url, store.equals("postgres") ? "postgres" : "", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE task_state ("
                    + " dataset_id VARCHAR(128) NOT NULL, task_id VARCHAR(128) NOT NULL,"
                    + " run VARCHAR(64), status INTEGER, code VARCHAR(64), terminal BOOLEAN NOT NULL,"
                    + " task_name VARCHAR(512), last_event_type VARCHAR(64), last_event_at BIGINT,"
                    + " PRIMARY KEY (dataset_id, task_id))");
        }
    }

    /** A task's events, progress topic first, each topic in the order received. */
    private static List<String> steps(List<Received> events, String taskId) {
        return events.stream().filter(r -> r.key().equals(taskId))
                .sorted(java.util.Comparator.comparing(r -> !r.header("ce_type").endsWith("progress")))
                .map(r -> r.header("ce_type").replace("modelarts.task.", "") + ":" + code(r))
                .toList();
    }

    private static String code(Received event) {
        int at = event.value().indexOf("\"code\":\"");
        return event.value().substring(at + 8, event.value().indexOf('"', at + 8));
    }

    private static Pipeline onStore(Pipeline pipeline, String store) throws Exception {
        if (store.equals("postgres")) {
            String database = "db" + Long.toHexString(System.nanoTime());
            try (var c = postgres().getPostgresDatabase().getConnection(); var s = c.createStatement()) {
                s.execute("CREATE DATABASE " + database);
            }
            pipeline.with("state.jdbc.url", postgres().getJdbcUrl("postgres", database))
                    .with("state.jdbc.user", "postgres");
        }
        return pipeline;
    }

    private static synchronized EmbeddedPostgres postgres() throws Exception {
        if (postgres == null) {
            postgres = EmbeddedPostgres.start();
        }
        return postgres;
    }
}
