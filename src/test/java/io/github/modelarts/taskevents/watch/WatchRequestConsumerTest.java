package io.github.modelarts.taskevents.watch;

import static io.github.modelarts.taskevents.testsupport.TaskBodies.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.modelarts.taskevents.Application;
import io.github.modelarts.taskevents.simulator.RequestKind;
import io.github.modelarts.taskevents.state.Database;
import io.github.modelarts.taskevents.task.RunHistory;
import io.github.modelarts.taskevents.task.TaskMemory;
import io.github.modelarts.taskevents.task.TaskRef;
import io.github.modelarts.taskevents.task.model.TaskJson;
import io.github.modelarts.taskevents.testing.MutableClock;
import io.github.modelarts.taskevents.testsupport.Pipeline;
import io.github.modelarts.taskevents.testsupport.SharedKafka;
import io.github.modelarts.taskevents.testsupport.TaskBodies;
import io.github.modelarts.taskevents.testsupport.TopicReader.Received;
import io.github.modelarts.taskevents.testsupport.TopicReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** TOPIC_WATCH end to end: requests produced to a real Kafka topic, consumed by the watch-requests route. */
class WatchRequestConsumerTest {
    private static final String DS = "dsRequested";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final TaskMemory SUCCEEDED = new TaskMemory(TaskBodies.CREATED, 3, "ModelArts.4996", true,
            "done", 100.0, "modelarts.task.succeeded", Instant.parse("2026-11-27T10:00:00Z"), null, 0, null, null,
            RunHistory.NONE);

    private final KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers()),
            new StringSerializer(), new StringSerializer());

    @AfterEach
    void closeProducer() {
        producer.close();
    }

    @Test
    void givenAWatchRequest_whenConsumed_thenTheTaskIsPolled_andAnUnwatchRequestStopsIt() throws Exception {
        try (Pipeline pipeline = new Pipeline(); TopicReader reader = pipeline.reader()) {
            pipeline.simulator().putTask(DS, task("asked", 1, "ModelArts.4902"));
            WatchList watchList = pipeline.start().watchList();

            send(pipeline, request(DS, "asked", "watch"));
            await().atMost(WAIT).until(() -> watchList.isWatched(new TaskRef(DS, "asked")));
            pipeline.poll();

            assertThat(reader.awaitOnTopic(pipeline.topics().progress(), 1).get(0).key()).isEqualTo("asked");
            assertThat(watchList.entries()).extracting(WatchList.Entry::source).containsExactly(WatchSource.REQUESTED);

            send(pipeline, request(DS, "asked", "unwatch"));
            await().atMost(WAIT).until(() -> !watchList.isWatched(new TaskRef(DS, "asked")));
            pipeline.simulator().resetCounters();
            pipeline.poll();
            assertThat(pipeline.simulator().requestCount()).isZero();
        }
    }

    @Test
    void givenMalformedRequests_whenConsumed_thenAnErrorEventForEach_andTheNextRequestIsStillApplied()
            throws Exception {
        try (Pipeline pipeline = new Pipeline(); TopicReader reader = pipeline.reader()) {
            WatchList watchList = pipeline.start().watchList();
            String huge = "{\"dataset_id\":\"" + "x".repeat(5000) + "\"}";

            send(pipeline, "not json at all");
            send(pipeline, request("../etc", "t1", "watch"));
            send(pipeline, request(DS, "t1", "delete"));
            send(pipeline, huge);
            send(pipeline, request(DS, "fine", "watch"));

            await().atMost(WAIT).until(() -> watchList.isWatched(new TaskRef(DS, "fine")));
            List<Received> errors = reader.awaitOnTopic(pipeline.topics().errors(), 4);
            assertThat(errors).extracting(r -> r.header("ce_type")).containsOnly("modelarts.task.error");
            assertThat(errors).extracting(r -> json(r).get("reason").asText()).containsOnly("malformed-watch-request");
            assertThat(errors).extracting(r -> json(r).get("body").asText())
                    .containsExactly("not json at all", request("../etc", "t1", "watch"), request(DS, "t1", "delete"),
                            huge.substring(0, 1024) + "…");
            assertThat(errors).extracting(r -> json(r).get("error_msg").asText())
                    .containsExactly("not a JSON object", "dataset_id must be an ID (letters, digits, '-', '_', '.')",
                            "action must be \"watch\" or \"unwatch\"",
                            "dataset_id must be an ID (letters, digits, '-', '_', '.')");
            assertThat(errors.get(0).key()).isEqualTo(pipeline.topics().watch() + "/0/0");
            assertThat(watchList.entries()).hasSize(1);
        }
    }

    @Test
    void givenRequests_whenRestarted_thenRequestedWatchesAreRestored_andAnUnwatchedTaskStaysOutOfDiscovery()
            throws Exception {
        String group = "watch-" + UUID.randomUUID();
        try (Pipeline pipeline = new Pipeline().with("modelarts.datasets", "dsListed")
                .with("watch.consumer.group", group)) {
            pipeline.simulator().putTask("dsListed", task("listed", 1, "ModelArts.4902"));
            pipeline.simulator().putTask("dsListed", task("dropped", 1, "ModelArts.4902"));
            pipeline.simulator().putTask(DS, task("asked", 1, "ModelArts.4902"));
            WatchList watchList = pipeline.start().watchList();
            send(pipeline, request(DS, "asked", "watch"));
            send(pipeline, request("dsListed", "dropped", "unwatch"));
            await().atMost(WAIT).until(() -> committedOffset(group) == 2);
            assertThat(watchList.isWatched(new TaskRef(DS, "asked"))).isTrue();

            watchList = pipeline.restart().watchList();

            assertThat(watchList.entries()).extracting(e -> e.ref().taskId() + ":" + e.source())
                    .containsExactly("asked:REQUESTED");
            pipeline.poll();
            pipeline.poll();
            assertThat(watchList.entries()).extracting(e -> e.ref().taskId() + ":" + e.source())
                    .containsExactlyInAnyOrder("asked:REQUESTED", "listed:DISCOVERED");
            assertThat(pipeline.simulator().requestCount(RequestKind.TASK)).isEqualTo(2);
        }
    }

    @Test
    void givenATaskStaticDiscoveredAndRequested_whenPolled_thenWatchedOnceAndPublishedOnce() throws Exception {
        try (Pipeline pipeline = new Pipeline().watching(DS + "/everywhere").with("modelarts.datasets", DS);
             TopicReader reader = pipeline.reader()) {
            pipeline.simulator().putTask(DS, task("everywhere", 3, "ModelArts.4996"));
            pipeline.simulator().putTask(DS, task("sentinel", 1, "ModelArts.4902"));
            WatchList watchList = pipeline.start().watchList();
            send(pipeline, request(DS, "everywhere", "watch"));
            send(pipeline, request(DS, "sentinel", "watch"));
            await().atMost(WAIT).until(() -> watchList.isWatched(new TaskRef(DS, "sentinel")));

            pipeline.poll();
            pipeline.poll();

            reader.await(1, r -> r.key().equals("sentinel"));
            assertThat(reader.all()).extracting(Received::key).containsExactlyInAnyOrder("everywhere", "sentinel");
            assertThat(watchList.entries()).extracting(e -> e.ref().taskId() + ":" + e.source())
                    .containsExactly("everywhere:STATIC", "sentinel:REQUESTED");
        }
    }

    @Test
    void givenAThousandRememberedTasks_whenOneIsRequested_thenOnlyItsOwnStateIsRead() throws Exception {
        try (Pipeline pipeline = new Pipeline()) {
            Application application = pipeline.start();
            for (int i = 0; i < 1000; i++) {
                application.store().record(new TaskRef(DS, "done-" + i), SUCCEEDED, Optional.empty());
            }
            TaskRef asked = new TaskRef(DS, "done-500");
            try (Database database = pipeline.openDatabase()) {
                countQueries(database, true);

                send(pipeline, request(DS, asked.taskId(), "watch"));
                await().atMost(WAIT).until(() -> application.watchList().isWatched(asked));

                assertThat(rowsReadFromTaskState(database)).isEqualTo(1);
                countQueries(database, false);
            }
            assertThat(application.watchList().memory(asked).terminal()).as("its outcome is remembered").isTrue();
        }
    }

    @Test
    void givenAFullWatchList_whenOneMoreTaskIsRequested_thenOneErrorEvent_andTheWatchedTasksStay() throws Exception {
        String group = "watch-" + UUID.randomUUID();
        try (Pipeline pipeline = new Pipeline().watching(DS + "/static").with("max.watched.tasks", "3")
                .with("watch.consumer.group", group); TopicReader reader = pipeline.reader()) {
            Application application = pipeline.start();
            send(pipeline, request(DS, "first", "watch"));
            send(pipeline, request(DS, "second", "watch"));
            send(pipeline, request(DS, "beyond", "watch"));
            send(pipeline, request(DS, "first", "watch"));

            await().atMost(WAIT).until(() -> committedOffset(group) == 4);
            await().atMost(WAIT).until(() -> application.store().backlog() == 0);
            List<Received> errors = reader.awaitOnTopic(pipeline.topics().errors(), 1);
            assertThat(reader.all()).singleElement().isEqualTo(errors.get(0));
            assertThat(errors.get(0).key()).isEqualTo(pipeline.topics().watch() + "/0/2");
            assertThat(json(errors.get(0)).get("error_msg").asText()).contains("MAX_WATCHED_TASKS");
            assertThat(application.watchList().entries()).extracting(e -> e.ref().taskId())
                    .containsExactly("first", "second", "static");
        }
    }

    @Test
    void givenAnUnwatchOlderThanTheRetention_whenPruned_thenItIsForgotten_andARestartDoesNotReplayIt()
            throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        String group = "watch-" + UUID.randomUUID();
        TaskRef dropped = new TaskRef("dsListed", "dropped");
        try (Pipeline pipeline = new Pipeline().clock(clock).with("modelarts.datasets", "dsListed")
                .with("watch.consumer.group", group).with("state.retention.days", "7")) {
            pipeline.simulator().putTask("dsListed", task("dropped", 1, "ModelArts.4902"));
            pipeline.start();
            send(pipeline, request("dsListed", "dropped", "unwatch"));
            await().atMost(WAIT).until(() -> committedOffset(group) == 1);
            pipeline.poll();
            assertThat(pipeline.application().watchList().isWatched(dropped)).isFalse();

            clock.advance(Duration.ofDays(8));
            pipeline.restart();

            await().atMost(WAIT).until(() -> savedRequests(pipeline) == 0);
            pipeline.poll();
            assertThat(pipeline.application().watchList().isWatched(dropped)).as("discovered again").isTrue();
            WatchList afterRestart = pipeline.restart().watchList();
            pipeline.poll();
            assertThat(afterRestart.entries()).extracting(e -> e.ref() + ":" + e.source())
                    .containsExactly(dropped + ":DISCOVERED");
        }
    }

    @Test
    void givenARequestedTaskFinishedLongerAgoThanTheRetention_whenPruned_thenItLeaves_andIsNeverPublishedTwice()
            throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        String group = "watch-" + UUID.randomUUID();
        TaskRef finished = new TaskRef(DS, "finished");
        try (Pipeline pipeline = new Pipeline().clock(clock).with("watch.consumer.group", group)
                .with("state.retention.days", "7"); TopicReader reader = pipeline.reader()) {
            pipeline.simulator().putTask(DS, task("finished", 3, "ModelArts.4996"));
            pipeline.simulator().putTask(DS, task("running", 1, "ModelArts.4902"));
            pipeline.start();
            send(pipeline, request(DS, "finished", "watch"));
            send(pipeline, request(DS, "running", "watch"));
            await().atMost(WAIT).until(() -> committedOffset(group) == 2);
            pipeline.poll();
            reader.await(1, r -> r.key().equals("finished"));

            clock.advance(Duration.ofDays(8));
            WatchList watchList = pipeline.restart().watchList();

            await().atMost(WAIT).until(() -> !watchList.isWatched(finished));
            assertThat(savedRequests(pipeline)).as("the running task's request stays").isEqualTo(1);
            send(pipeline, request(DS, "finished", "watch"));
            await().atMost(WAIT).until(() -> watchList.isWatched(finished));
            pipeline.poll();
            pipeline.simulator().updateTask(DS, "running", Map.of("code", "ModelArts.4904"));
            pipeline.poll();
            reader.await(2, r -> r.key().equals("running"));
            assertThat(reader.all()).filteredOn(r -> r.key().equals("finished")).hasSize(1);
        }
    }

    @Test
    void givenTheStateDatabaseRefusing_whenARequestArrives_thenOneWarningAndNoStackTrace_andItIsAppliedWhenItIsBack()
            throws Exception {
        String group = "watch-" + UUID.randomUUID();
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        Logger project = (Logger) LoggerFactory.getLogger("io.github.modelarts.taskevents");
        try (Pipeline pipeline = new Pipeline().with("watch.consumer.group", group);
             Database database = pipeline.openDatabase()) {
            pipeline.start();
            logs.start();
            root.addAppender(logs);
            project.setLevel(Level.INFO);
            execute(database, "ALTER TABLE watch_request RENAME TO watch_request_away");

            send(pipeline, request(DS, "asked", "watch"));
            // the consumer's own warning: under load its group may join after the hourly prune's first run warned
            await().atMost(WAIT).until(() -> lines(logs).stream()
                    .anyMatch(line -> line.startsWith("WARN WatchRequestConsumer")));
            // the route keeps trying the same request meanwhile, so nothing is skipped; at most the hourly
            // prune-watch-requests, if its first run came after the table went, adds a line of its own
            // (the publisher's start-up lines aside: it opens its producer at its first batch)
            await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10)).until(() -> lines(logs).stream()
                    .filter(line -> !line.startsWith("INFO OutboxPublisher") && !line.startsWith("INFO CommitLog"))
                    .count() <= 3);
            assertThat(committedOffset(group)).isZero();
            execute(database, "ALTER TABLE watch_request_away RENAME TO watch_request");

            await().atMost(WAIT).until(() -> committedOffset(group) == 1);
            assertThat(savedRequests(pipeline)).isEqualTo(1);
            List<String> lines = lines(logs);
            assertThat(lines).noneMatch(line -> line.startsWith("\tat ") || line.contains("Exception: "));
            assertThat(lines).filteredOn(line -> line.startsWith("WARN WatchRequestConsumer")).singleElement()
                    .asString().contains("Table \"WATCH_REQUEST\" not found");
            assertThat(lines).filteredOn(line -> line.startsWith("INFO WatchRequestConsumer")
                    && line.contains("state database")).hasSize(1);
        } finally {
            root.detachAppender(logs);
            project.setLevel(null);
        }
    }

    /**
     * Every line logged, as level, logger and message; an event with a stack trace gives a line for each of its
     * frames.
     */
    private static List<String> lines(ListAppender<ILoggingEvent> logs) {
        List<ILoggingEvent> events;
        synchronized (logs) {
            // the appender appends under its own lock, from Kafka's and Camel's threads too
            events = new ArrayList<>(logs.list);
        }
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent event : events) {
            String logger = event.getLoggerName().substring(event.getLoggerName().lastIndexOf('.') + 1);
            String text = event.getLevel() + " " + logger + " " + event.getFormattedMessage();
            if (event.getThrowableProxy() != null) {
                text += "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy());
            }
            lines.addAll(text.lines().toList());
        }
        return lines;
    }

    private static void execute(Database database, String sql) throws SQLException {
        try (Connection c = database.connection(); Statement statement = c.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void countQueries(Database database, boolean on) throws SQLException {
        execute(database, "SET QUERY_STATISTICS " + on);
    }

    /** H2's own count of the rows its queries on task_state returned, since the statistics were switched on. */
    private static long rowsReadFromTaskState(Database database) throws SQLException {
        try (Connection c = database.connection(); Statement statement = c.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COALESCE(SUM(CUMULATIVE_ROW_COUNT), 0)"
                     + " FROM INFORMATION_SCHEMA.QUERY_STATISTICS WHERE UPPER(SQL_STATEMENT) LIKE 'SELECT %'"
                     + " AND LOWER(SQL_STATEMENT) LIKE '% from task_state%'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static long savedRequests(Pipeline pipeline) throws SQLException {
        try (Database database = pipeline.openDatabase(); Connection c = database.connection();
             Statement statement = c.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM watch_request")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private void send(Pipeline pipeline, String value) throws Exception {
        producer.send(new ProducerRecord<>(pipeline.topics().watch(), value)).get();
    }

    private static String request(String datasetId, String taskId, String action) {
        return "{\"dataset_id\":\"" + datasetId + "\",\"task_id\":\"" + taskId + "\",\"action\":\"" + action + "\"}";
    }

    private static long committedOffset(String group) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedKafka.bootstrapServers()))) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().values().stream()
                    .mapToLong(offset -> offset.offset()).sum();
        }
    }

    private static JsonNode json(Received event) {
        try {
            return TaskJson.MAPPER.readTree(event.value());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + event.value(), e);
        }
    }
}
