package io.github.modelarts.taskevents.config;

import io.github.modelarts.taskevents.task.TaskRef;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Every setting, validated. Defaults and descriptions live once, in {@code application.properties};
 * this class turns the raw values into types and refuses bad ones with a message per variable.
 */
public record Settings(
        URI endpoint,
        String projectId,
        List<TaskRef> tasks,
        List<String> datasets,
        Credentials credentials,
        String pollCron,
        Duration pollCycleBudget,
        String kafkaBootstrapServers,
        Topics topics,
        int managementPort,
        Http http,
        int pollErrorThreshold,
        int terminalRecheckCycles,
        State state,
        TrustStore trustStore,
        int discoveryEveryCycles,
        int kafkaMaxRequestSize) {

    /** HTTP client limits. */
    public record Http(Duration connectTimeout, Duration readTimeout, int retries, int maxConcurrentRequests,
                       int maxRequestsPerSecond, int maxResponseBytes) {
    }

    /** Where the durable memory lives: a file database under {@code dir}, or a JDBC URL. */
    public record State(Path dir, String jdbcUrl, String jdbcUser, Secret jdbcPassword, Duration retention) {
    }

    private static final String OUTSIDE_DEMO = "(or run with --demo for the self-contained demo)";

    public static Settings from(SettingsSource source) {
        SettingsReader read = new SettingsReader(source);
        URI endpoint = read.httpUrl("modelarts.endpoint");
        if (read.text("modelarts.endpoint").isEmpty()) {
            read.required("modelarts.endpoint", OUTSIDE_DEMO);
        }
        String projectId = read.required("modelarts.project.id", OUTSIDE_DEMO);
        if (!projectId.isEmpty()) {
            read.id("modelarts.project.id", projectId);
        }
        Settings settings = new Settings(
                endpoint,
                projectId,
                tasks(read),
                datasets(read),
                Credentials.from(read),
                read.cron("poll.cron"),
                Duration.ofMillis(read.integer("poll.cycle.budget.ms", 0, 24 * 3600 * 1000)),
                read.required("kafka.bootstrap.servers", OUTSIDE_DEMO),
                new Topics(read.text("topic.completed"), read.text("topic.failed"), read.text("topic.progress"),
                        read.text("topic.errors"), read.text("topic.watch")),
                read.integer("management.port", 0, 65535),
                new Http(Duration.ofMillis(read.integer("http.connect.timeout.ms", 100, 600_000)),
                        Duration.ofMillis(read.integer("http.read.timeout.ms", 100, 600_000)),
                        read.integer("http.retries", 0, 10),
                        read.integer("max.concurrent.requests", 1, 512),
                        read.integer("max.requests.per.second", 0, 100_000),
                        read.integer("max.response.bytes", 1024, 64 * 1024 * 1024)),
                read.integer("poll.error.threshold", 1, 1000),
                read.integer("terminal.recheck.cycles", 0, 1_000_000),
                new State(Path.of(read.text("state.dir").isEmpty() ? "data" : read.text("state.dir")),
                        read.text("state.jdbc.url"), read.text("state.jdbc.user"),
                        read.secret("state.jdbc.password"),
                        Duration.ofDays(read.integer("state.retention.days", 1, 3650))),
                TrustStore.from(read),
                read.integer("discovery.every.cycles", 1, 1_000_000),
                // the events are cut to fit it, so it must leave room for an event's fields once cut
                read.integer("camel.component.kafka.max-request-size", 64 * 1024, 64 * 1024 * 1024));
        read.required("watch.consumer.group", "(the Kafka consumer group of the watch-request route)");
        for (String topicKey : List.of("topic.completed", "topic.failed", "topic.progress", "topic.errors",
                "topic.watch")) {
            if (!read.text(topicKey).matches("[A-Za-z0-9._-]{1,249}")) {
                read.problem(topicKey, "must be a Kafka topic name (letters, digits, '.', '_', '-'), got '"
                        + read.text(topicKey) + "'");
            }
        }
        if (!read.problems().isEmpty()) {
            throw new InvalidSettingsException(read.problems());
        }
        return settings;
    }

    private static List<TaskRef> tasks(SettingsReader read) {
        List<TaskRef> tasks = new ArrayList<>();
        for (String pair : read.list("modelarts.tasks")) {
            try {
                TaskRef ref = TaskRef.parse(pair);
                read.id("modelarts.tasks", ref.datasetId());
                read.id("modelarts.tasks", ref.taskId());
                tasks.add(ref);
            } catch (IllegalArgumentException e) {
                read.problem("modelarts.tasks", e.getMessage());
            }
        }
        return List.copyOf(tasks);
    }

    private static List<String> datasets(SettingsReader read) {
        List<String> datasets = read.list("modelarts.datasets");
        datasets.forEach(id -> read.id("modelarts.datasets", id));
        return datasets;
    }
}
