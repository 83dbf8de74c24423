package io.github.modelarts.taskevents.testsupport;

import io.github.modelarts.taskevents.Application;
import io.github.modelarts.taskevents.config.Settings;
import io.github.modelarts.taskevents.config.SettingsSource;
import io.github.modelarts.taskevents.config.Topics;
import io.github.modelarts.taskevents.simulator.ModelArtsSimulator;
import io.github.modelarts.taskevents.simulator.RequestGate;
import io.github.modelarts.taskevents.state.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The whole pipeline for one test: the project's simulator over real HTTP, the shared real Kafka broker,
 * topics, a consumer group and a state directory of its own. Cycles run when the test calls {@link #poll()}.
 */
public final class Pipeline implements AutoCloseable {
    public static final String PROJECT = "test-project";
    /** A schedule that never fires within a test: cycles are driven by {@link #poll()}. */
    private static final String NEVER = "0 0 0 1 1 ? 2099";

    private final ModelArtsSimulator simulator;
    private final Map<String, String> overrides = new HashMap<>();
    private final Topics topics;
    private Clock clock = Clock.systemUTC();
    private Application application;

    public Pipeline() {
        this(RequestGate.ALLOW_ALL);
    }

    /** A pipeline whose simulator answers only requests {@code gate} lets through, e.g. an {@code AuthGate}. */
    public Pipeline(RequestGate gate) {
        this.simulator = ModelArtsSimulator.builder(PROJECT).gate(gate).build().start();
        String prefix = "it-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        this.topics = new Topics(prefix + "completed", prefix + "failed", prefix + "progress", prefix + "errors",
                prefix + "watch");
        overrides.put("modelarts.endpoint", simulator.baseUrl());
        overrides.put("modelarts.project.id", PROJECT);
        overrides.put("kafka.bootstrap.servers", SharedKafka.bootstrapServers());
        overrides.put("poll.cron", NEVER);
        overrides.put("outbox.publish.period.ms", "50");
        // the watch-request consumer notices a stop within 0.1 s instead of the default 5 s poll
        overrides.put("camel.component.kafka.poll-timeout-ms", "100");
        overrides.put("http.read.timeout.ms", "2000");
        overrides.put("topic.completed", topics.completed());
        overrides.put("topic.failed", topics.failed());
        overrides.put("topic.progress", topics.progress());
        overrides.put("topic.errors", topics.errors());
        overrides.put("topic.watch", topics.watch());
        // a transactional id and a commit log of its own: another test's publisher must not fence this one's
        overrides.put("cluster.name", prefix.substring(0, prefix.length() - 1));
        overrides.put("topic.outbox.commits", prefix + "outbox-commits");
        // a group of its own: a member another test left behind (kill -9) would hold up this one's join and leave
        overrides.put("watch.consumer.group", prefix + "watch-requests");
        // any free port: tests run beside each other and beside a developer's running instance
        overrides.put("management.port", "0");
        try {
            overrides.put("state.dir", Files.createTempDirectory("state").toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Pipeline watching(String... datasetSlashTask) {
        return with("modelarts.tasks", String.join(",", datasetSlashTask));
    }

    public Pipeline with(String key, String value) {
        overrides.put(key, value);
        return this;
    }

    /** The application's clock (tokens, signatures, observations), for tests that drive time. */
    public Pipeline clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** The settings this pipeline runs with, as environment variables, for running it as a separate process. */
    public Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        overrides.forEach((key, value) -> env.put(SettingsSource.envName(key), value));
        return env;
    }

    public ModelArtsSimulator simulator() {
        return simulator;
    }

    public Topics topics() {
        return topics;
    }

    public Path stateDir() {
        return Path.of(overrides.get("state.dir"));
    }

    public Application start() throws Exception {
        SettingsSource source = SettingsSource.load(Map.of(), overrides);
        application = new Application(Settings.from(source), source, clock);
        application.start();
        return application;
    }

    /** Stops the application (state kept) and starts a new one on the same state, as after a restart. */
    public Application restart() throws Exception {
        application.close();
        return start();
    }

    /** Runs one poll cycle and returns when every due task is recorded. */
    public void poll() throws IOException {
        application.pollNow();
    }

    public Application application() {
        return application;
    }

    /**
     * A second connection pool on this pipeline's state database; in the same JVM an embedded H2 file is one
     * database, so a test can count what the application asks of it, or make it refuse. Close it first.
     */
    public Database openDatabase() {
        return new Database(Settings.from(SettingsSource.load(Map.of(), overrides)).state());
    }

    /** The running application's management endpoints, over real HTTP. */
    public ManagementClient management() {
        return new ManagementClient(application.managementPort());
    }

    public TopicReader reader() {
        return new TopicReader(overrides.get("kafka.bootstrap.servers"), topics.completed(), topics.failed(),
                topics.progress(), topics.errors());
    }

    @Override
    public void close() throws Exception {
        try {
            if (application != null) {
                application.close();
            }
        } finally {
            simulator.close();
        }
    }
}
