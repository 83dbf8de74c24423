package io.github.modelarts.taskevents.replay;

import static io.github.modelarts.taskevents.testsupport.TaskBodies.failed;
import static io.github.modelarts.taskevents.testsupport.TaskBodies.task;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.modelarts.taskevents.App;
import io.github.modelarts.taskevents.config.Settings;
import io.github.modelarts.taskevents.config.SettingsSource;
import io.github.modelarts.taskevents.config.Topics;
import io.github.modelarts.taskevents.state.Database;
import io.github.modelarts.taskevents.testing.MutableClock;
import io.github.modelarts.taskevents.testsupport.JavaProcess;
import io.github.modelarts.taskevents.testsupport.Pipeline;
import io.github.modelarts.taskevents.testsupport.TopicReader;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Replay against what the real service recorded and sent: a pipeline polls the simulator at three times, publishes
 * through the real route to the real broker and stops; then its outbox (a real H2 file) is replayed.
 */
class ReplayCommandTest {
    private static final String DS = "OBegCXHxTJ2JHRAZWr0";
    private static final Instant T0 = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
    private static final Instant T1 = T0.plus(Duration.ofHours(1));
    private static final Instant T2 = T1.plus(Duration.ofHours(1));
    private static final int SENT_BY_THE_SERVICE = 7;

    private static Topics topics;
    private static Map<String, String> settings;
    private static Path stateDir;
    /** Every record the service sent, as its bytes on the wire, by ce_id. */
    private static Map<String, Wire> originals;

    @BeforeAll
    static void recordAndPublishEvents() throws Exception {
        MutableClock clock = new MutableClock(T0);
        try (Pipeline pipeline = new Pipeline().clock(clock)
                .watching(DS + "/done", DS + "/broke", DS + "/runs", DS + "/waits", DS + "/refused");
             TopicReader reader = pipeline.reader()) {
            ObjectNode done = task("done", 3, "ModelArts.4996");
            // beyond ASCII, so that the value's bytes are UTF-8's
            done.put("task_name", "花の分類-ü");
            pipeline.simulator().putTask(DS, done);
            pipeline.simulator().putTask(DS, failed("broke", "ModelArts.4909", "Failed to execute the training job."));
            pipeline.simulator().putTask(DS, task("runs", 1, "ModelArts.4902"));
            pipeline.simulator().putTask(DS, task("waits", 3, "ModelArts.4996"));
            pipeline.simulator().putTask(DS, failed("refused", "ModelArts.4909", "Failed."));
            pipeline.start();
            pipeline.poll();
            clock.advance(Duration.ofHours(1));
            pipeline.simulator().updateTask(DS, "runs", Map.of("code", "ModelArts.4904"));
            pipeline.poll();
            clock.advance(Duration.ofHours(1));
            pipeline.simulator().updateTask(DS, "runs", Map.of("status", 3, "code", "ModelArts.4996"));
            pipeline.poll();
            reader.await(SENT_BY_THE_SERVICE, r -> true);
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> pipeline.application().store().backlog() == 0);
            topics = pipeline.topics();
            settings = new HashMap<>(pipeline.environment());
            stateDir = pipeline.stateDir();
        }
        originals = new HashMap<>();
        wire().values().forEach(records -> records.forEach(record -> originals.put(record.ceId(), record)));
        assertThat(originals).hasSize(SENT_BY_THE_SERVICE);
        // what an outbox holds besides published events: one Kafka has not acknowledged yet, one it refused for good
        try (Database database = openDatabase(); Connection c = database.connection();
             PreparedStatement update = c.prepareStatement("UPDATE outbox SET state = ? WHERE record_key = ?")) {
            update.setString(1, "pending");
            update.setString(2, "waits");
            update.executeUpdate();
            update.setString(1, "parked");
            update.setString(2, "refused");
            update.executeUpdate();
        }
    }

    @Test
    void givenTheWholeWindow_whenReplayed_thenEveryPublishedEventIsSentAgainByteForByte_inRecordedOrder()
            throws Exception {
        Map<Path, String> filesBefore = files(stateDir);

        Replay replay = replay("--since", T0.toString());

        assertThat(replay.status).isEqualTo(ReplayCommand.SENT);
        assertThat(files(stateDir)).as("the state database is read, never written").isEqualTo(filesBefore);
        assertThat(replay.sentIds()).containsExactlyElementsOf(publishedInRecordedOrder());
        assertThat(replay.sentIds()).containsExactlyInAnyOrder(id("done"), id("broke"), id("runs", T0),
                id("runs", T1), id("runs", T2));
        assertThat(replay.wire).containsExactlyInAnyOrderElementsOf(replay.sentIds().stream().map(originals::get)
                .toList());
        assertThat(replay.lastLine()).isEqualTo("replayed 5 events; 1 pending left to the service, which publishes"
                + " them; 1 parked left out, as Kafka refused them for good");
        assertThat(replay.out).contains("sent " + id("done") + " modelarts.task.succeeded to "
                + topics.completed() + " key done recorded " + T0);
    }

    @Test
    void givenATaskAndAnEnd_whenReplayed_thenOnlyThatTasksEventsBeforeTheEnd() {
        Replay replay = replay("--since", T0.toString(), "--until", T2.toString(), "--task", "runs");

        assertThat(replay.sentIds()).containsExactly(id("runs", T0), id("runs", T1));
        assertThat(replay.wire).containsExactly(originals.get(id("runs", T0)), originals.get(id("runs", T1)));
    }

    @Test
    void givenAType_whenReplayed_thenOnlyPublishedEventsOfThatType() {
        Replay replay = replay("--since", T0.toString(), "--type", "modelarts.task.failed");

        assertThat(replay.sentIds()).containsExactly(id("broke"));
        assertThat(replay.wire).containsExactly(originals.get(id("broke")));
        assertThat(replay.lastLine()).isEqualTo("replayed 1 event; 1 parked left out, as Kafka refused them for good");
    }

    @Test
    void givenASinceAfterTheFirstEvents_whenReplayed_thenTheWindowStartsThere_inclusive() {
        Replay replay = replay("--since", T1.toString().replace("Z", "+00:00"));

        assertThat(replay.sentIds()).containsExactly(id("runs", T1), id("runs", T2));
    }

    @Test
    void givenASinceOlderThanTheRetention_whenReplayed_thenRefusedNamingIt_andNothingSent() {
        Replay replay = replay("--since", Instant.now().minus(Duration.ofDays(8)).toString());

        assertThat(replay.status).isEqualTo(ReplayCommand.BAD_ARGUMENTS);
        assertThat(replay.err).contains("STATE_RETENTION_DAYS=7");
        assertThat(replay.wire).isEmpty();
    }

    @Test
    void givenBadArguments_whenReplayed_thenTheUsage_andStatus2() {
        for (List<String> args : List.<List<String>>of(List.of(), List.of("--since", "yesterday"), List.of("--since"),
                List.of("--since", T0.toString(), "--until", T0.toString()), List.of("--since", T0.toString(), "-x", "1"))) {
            Replay replay = replay(args.toArray(String[]::new));

            assertThat(replay.status).as("%s", args).isEqualTo(ReplayCommand.BAD_ARGUMENTS);
            assertThat(replay.err).as("%s", args).contains("Usage: java -jar modelarts-task-events.jar replay");
        }
    }

    @Test
    void givenNoStateDatabase_whenReplayed_thenItSaysSo_andCreatesNone() throws Exception {
        Path empty = Files.createTempDirectory("no-state");
        Map<String, String> elsewhere = new HashMap<>(settings);
        elsewhere.put("STATE_DIR", empty.toString());
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = new ReplayCommand(elsewhere, Map.of(), Clock.systemUTC(), new PrintStream(OutputStream.nullOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(List.of("--since", T0.toString()));

        assertThat(status).isEqualTo(ReplayCommand.FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("No state database in STATE_DIR " + empty
                + " (no state.mv.db there): nothing to replay");
        assertThat(files(empty)).isEmpty();
    }

    @Test
    void givenTheServiceHoldsTheDatabase_whenReplayedFromTheJar_thenItSaysTheServiceMustBeStopped() throws Exception {
        Path log = Files.createTempDirectory("replay").resolve("replay.log");
        try (Database held = openDatabase();
             JavaProcess replay = JavaProcess.start(App.class.getName(), List.of("replay", "--since", T0.toString()),
                     settings, log)) {
            assertThat(held.connection().isValid(1)).isTrue();

            assertThat(replay.waitForExit(Duration.ofSeconds(60))).isEqualTo(ReplayCommand.FAILED);
            assertThat(replay.output()).contains("the service holds it. Stop the service, then replay");
        }
    }

    /** Each file of {@code dir} with its size and modification time. */
    private static Map<Path, String> files(Path dir) throws java.io.IOException {
        Map<Path, String> files = new HashMap<>();
        try (java.util.stream.Stream<Path> list = Files.list(dir)) {
            for (Path file : list.toList()) {
                files.put(file, Files.size(file) + " " + Files.getLastModifiedTime(file));
            }
        }
        return files;
    }

    private static List<String> publishedInRecordedOrder() throws java.sql.SQLException {
        List<String> ids = new ArrayList<>();
        try (Database database = openDatabase(); Connection c = database.connection();
             PreparedStatement select = c.prepareStatement(
                     "SELECT ce_id FROM outbox WHERE state = 'published' ORDER BY seq");
             java.sql.ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    private static Database openDatabase() {
        return new Database(Settings.from(SettingsSource.load(settings, Map.of())).state());
    }

    private static String id(String key) {
        return originals.values().stream().filter(w -> w.topic().equals(topicOf(key)) && w.keyText().equals(key))
                .map(Wire::ceId).reduce((a, b) -> {
                    throw new AssertionError("more than one event of " + key);
                }).orElseThrow();
    }

    /** The event of {@code runs} recorded at {@code at}: a progress event, or its completion at T2. */
    private static String id(String key, Instant at) {
        String topic = at.equals(T2) ? topics.completed() : topics.progress();
        return originals.values().stream().filter(w -> w.topic().equals(topic) && w.keyText().equals(key))
                .filter(w -> w.header("ce_time").equals(at.toString())).map(Wire::ceId).findFirst().orElseThrow();
    }

    private static String topicOf(String key) {
        return key.equals("done") ? topics.completed() : topics.failed();
    }

    /** What one replay printed, returned, and added to the topics. */
    private record Replay(int status, List<String> out, String err, List<Wire> wire) {
        List<String> sentIds() {
            return out.stream().filter(line -> line.startsWith("sent ")).map(line -> line.split(" ")[1]).toList();
        }

        String lastLine() {
            return out.get(out.size() - 1);
        }
    }

    /** Runs one replay in this JVM (the tests run one after the other) and reads what it added to the topics. */
    private static synchronized Replay replay(String... args) {
        Map<String, List<Wire>> before = wire();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new ReplayCommand(settings, Map.of(), Clock.systemUTC(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(List.of(args));
        List<Wire> added = Wire.addedSince(before, topics);
        return new Replay(status, out.toString(StandardCharsets.UTF_8).lines().toList(),
                err.toString(StandardCharsets.UTF_8), added);
    }

    private static Map<String, List<Wire>> wire() {
        return Wire.onTopics(topics);
    }
}
