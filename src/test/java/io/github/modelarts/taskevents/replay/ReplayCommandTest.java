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
import io.github.modelarts.taskevents.testsupport.SharedKafka;
import io.github.modelarts.taskevents.testsupport.TopicReader;
import java.io.ByteArrayOutputStream;
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
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
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

    /** A record as Kafka holds it, every byte of key, headers (in order) and value, in Base64 to compare. */
    record Wire(String topic, String key, List<String> headers, String value) {
        String ceId() {
            return headers.stream().filter(h -> h.startsWith("ce_id=")).findFirst().map(h -> new String(
                    Base64.getDecoder().decode(h.substring("ce_id=".length())), StandardCharsets.UTF_8)).orElseThrow();
        }
    }

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
        Replay replay = replay("--since", T0.toString());

        assertThat(replay.status).isEqualTo(ReplayCommand.SENT);
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
        return originals.values().stream().filter(w -> w.topic().equals(topicOf(key)) && keyOf(w).equals(key))
                .map(Wire::ceId).reduce((a, b) -> {
                    throw new AssertionError("more than one event of " + key);
                }).orElseThrow();
    }

    /** The event of {@code runs} recorded at {@code at}: a progress event, or its completion at T2. */
    private static String id(String key, Instant at) {
        String topic = at.equals(T2) ? topics.completed() : topics.progress();
        return originals.values().stream().filter(w -> w.topic().equals(topic) && keyOf(w).equals(key))
                .filter(w -> header(w, "ce_time").equals(at.toString())).map(Wire::ceId).findFirst().orElseThrow();
    }

    private static String topicOf(String key) {
        return key.equals("done") ? topics.completed() : topics.failed();
    }

    private static String keyOf(Wire wire) {
        return new String(Base64.getDecoder().decode(wire.key()), StandardCharsets.UTF_8);
    }

    private static String header(Wire wire, String name) {
        return wire.headers().stream().filter(h -> h.startsWith(name + "=")).findFirst().map(h -> new String(
                Base64.getDecoder().decode(h.substring(name.length() + 1)), StandardCharsets.UTF_8)).orElseThrow();
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
        List<Wire> added = new ArrayList<>();
        wire().forEach((topic, records) -> added.addAll(records.subList(before.get(topic).size(), records.size())));
        return new Replay(status, out.toString(StandardCharsets.UTF_8).lines().toList(),
                err.toString(StandardCharsets.UTF_8), added);
    }

    /** Every record on the event topics, as raw bytes: by topic, each in offset order. */
    private static Map<String, List<Wire>> wire() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers());
        Map<String, List<Wire>> records = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = List.of(topics.completed(), topics.failed(), topics.progress(),
                    topics.errors()).stream().map(topic -> new TopicPartition(topic, 0)).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            partitions.forEach(partition -> records.put(partition.topic(), new ArrayList<>()));
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).until(() -> {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    records.get(record.topic()).add(wire(record));
                }
                return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
            });
            consumer.close(CloseOptions.timeout(Duration.ZERO));
        }
        return records;
    }

    private static Wire wire(ConsumerRecord<byte[], byte[]> record) {
        Base64.Encoder base64 = Base64.getEncoder();
        List<String> headers = new ArrayList<>();
        for (Header header : record.headers()) {
            headers.add(header.key() + "=" + base64.encodeToString(header.value()));
        }
        return new Wire(record.topic(), base64.encodeToString(record.key()), headers,
                base64.encodeToString(record.value()));
    }
}
