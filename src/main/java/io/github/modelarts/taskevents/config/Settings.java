package io.github.modelarts.taskevents.config;

import io.github.modelarts.taskevents.task.TaskRef;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
        String watchConsumerGroup,
        Duration outboxPublishPeriod,
        int managementPort,
        String managementHost,
        Http http,
        int pollErrorThreshold,
        int terminalRecheckCycles,
        State state,
        TrustStore trustStore,
        int discoveryEveryCycles,
        int maxWatchedTasks,
        int discoveryMaxPages,
        int kafkaMaxRequestSize,
        Duration stallAfter,
        Publishing publishing) {

    /** HTTP client limits. */
    public record Http(Duration connectTimeout, Duration readTimeout, int retries, int maxConcurrentRequests,
                       int maxRequestsPerSecond, int maxResponseBytes) {
    }

    /** Where the durable memory lives: a file database under {@code dir}, or a JDBC URL. */
    public record State(Path dir, String jdbcUrl, String jdbcUser, Secret jdbcPassword, Duration retention) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(Settings.class);
    private static final String OUTSIDE_DEMO = "(or run with --demo for the self-contained demo)";
    private static final List<String> EVENT_TOPICS = List.of("topic.completed", "topic.failed", "topic.progress",
            "topic.errors");

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
        List<TaskRef> tasks = tasks(read);
        Topics topics = topics(read);
        Settings settings = new Settings(
                endpoint,
                projectId,
                tasks,
                datasets(read),
                Credentials.from(read),
                read.cron("poll.cron"),
                Duration.ofMillis(read.integer("poll.cycle.budget.ms", 0, 24 * 3600 * 1000)),
                kafkaBootstrapServers(read),
                topics,
                read.required("watch.consumer.group", "(the Kafka consumer group of the watch-request route)"),
                // 0 would make Camel's timer fire once and never again: nothing recorded later would be sent
                Duration.ofMillis(read.integer("outbox.publish.period.ms", 10, 3600 * 1000)),
                read.integer("management.port", 0, 65535),
                read.host("management.host"),
                new Http(Duration.ofMillis(read.integer("http.connect.timeout.ms", 100, 600_000)),
                        Duration.ofMillis(read.integer("http.read.timeout.ms", 100, 600_000)),
                        read.integer("http.retries", 0, 10),
                        read.integer("max.concurrent.requests", 1, 512),
                        read.integer("max.requests.per.second", 0, 100_000),
                        read.integer("max.response.bytes", 1024, 64 * 1024 * 1024)),
                read.integer("poll.error.threshold", 1, 1000),
                read.integer("terminal.recheck.cycles", 0, 1_000_000),
                state(read),
                TrustStore.from(read),
                read.integer("discovery.every.cycles", 1, 1_000_000),
                maxWatchedTasks(read, tasks),
                read.integer("discovery.max.pages", 1, 1_000_000),
                // the events are cut to fit it, so it must leave room for an event's fields once cut
                read.integer("camel.component.kafka.max-request-size", 64 * 1024, 64 * 1024 * 1024),
                read.durationOrOff("stall.after"),
                Publishing.from(read, topics));
        kafkaProducer(read);
        read.integer("camel.main.shutdown-timeout", 1, 3600);
        if (!read.problems().isEmpty()) {
            throw new InvalidSettingsException(read.problems());
        }
        warnOfCredentialsInClear(settings);
        return settings;
    }

    /**
     * A credential sent over plain HTTP to another host can be read on the way. Not refused: a gateway in a
     * private network may end TLS for its clients. The URL is shown without any user info it may carry.
     */
    private static void warnOfCredentialsInClear(Settings settings) {
        AuthMode mode = settings.credentials().mode();
        if (mode == AuthMode.NONE) {
            return;
        }
        Map<String, URI> endpoints = new LinkedHashMap<>();
        endpoints.put("modelarts.endpoint", settings.endpoint());
        if (mode == AuthMode.PASSWORD) {
            endpoints.put("modelarts.iam.endpoint", settings.credentials().iamEndpoint());
        }
        endpoints.forEach((key, url) -> {
            if (url.getScheme().equalsIgnoreCase("http") && !SettingsReader.isLoopback(url.getHost())) {
                LOG.warn("{} is http://{}: with MODELARTS_AUTH={} what authenticates each request crosses the network"
                                + " unencrypted; use https:// unless a gateway in a private network ends TLS",
                        SettingsSource.envName(key), url.getHost() + (url.getPort() == -1 ? "" : ":" + url.getPort()),
                        mode.name().toLowerCase(Locale.ROOT));
            }
        });
    }

    /**
     * The settings the routes and Camel's configuration read as {@code {{placeholders}}}, as validated: handed to
     * Camel last, they win over the raw values of the environment and {@code application.properties}.
     */
    public Map<String, String> placeholders() {
        return Map.of("poll.cron", pollCron,
                "outbox.publish.period.ms", String.valueOf(outboxPublishPeriod.toMillis()),
                "kafka.bootstrap.servers", kafkaBootstrapServers,
                "management.port", String.valueOf(managementPort),
                "management.host", managementHost,
                "topic.errors", topics.errors(),
                "topic.watch", topics.watch(),
                "watch.consumer.group", watchConsumerGroup);
    }

    static String kafkaBootstrapServers(SettingsReader read) {
        String servers = read.hostPorts("kafka.bootstrap.servers");
        if (servers.isEmpty()) {
            read.problem("kafka.bootstrap.servers", "is required " + OUTSIDE_DEMO);
        }
        return servers;
    }

    private static Topics topics(SettingsReader read) {
        for (String key : EVENT_TOPICS) {
            read.topic(key);
        }
        String watch = read.topic("topic.watch");
        for (String key : EVENT_TOPICS) {
            if (read.text(key).equals(watch)) {
                // the watch route would read every such event as a request, and answer each with an error event
                read.problem("topic.watch", "must differ from " + SettingsSource.envName(key)
                        + ": the watch-request route would read those events as requests");
            }
        }
        return new Topics(read.text("topic.completed"), read.text("topic.failed"), read.text("topic.progress"),
                read.text("topic.errors"), watch);
    }

    static State state(SettingsReader read) {
        String jdbcUrl = read.text("state.jdbc.url");
        Path dir = Path.of("data");
        if (jdbcUrl.isEmpty()) {
            dir = read.writableDirectory("state.dir", dir);
        } else {
            read.jdbcUrl("state.jdbc.url");
        }
        return new State(dir, jdbcUrl, read.text("state.jdbc.user"), read.secret("state.jdbc.password"),
                Duration.ofDays(read.integer("state.retention.days", 1, 3650)));
    }

    /**
     * Camel's producer settings in {@code application.properties}: the outbox's guarantees rest on the acks and
     * idempotence, and Kafka refuses, when the producer is created, a delivery timeout shorter than a request's.
     */
    static void kafkaProducer(SettingsReader read) {
        read.oneOf("camel.component.kafka.request-required-acks", List.of("all", "-1"),
                "an event leaves the outbox only once every in-sync replica has it");
        read.oneOf("camel.component.kafka.enable-idempotence", List.of("true"),
                "a retried send must not write an event twice");
        read.integer("camel.component.kafka.max-block-ms", 0, 600_000);
        int problemsBefore = read.problems().size();
        int request = read.integer("camel.component.kafka.request-timeout-ms", 1, 600_000);
        int delivery = read.integer("camel.component.kafka.delivery-timeout-ms", 1, 24 * 3600 * 1000);
        if (read.problems().size() == problemsBefore && delivery < request) {
            read.problem("camel.component.kafka.delivery-timeout-ms", "must be at least "
                    + SettingsSource.envName("camel.component.kafka.request-timeout-ms") + " (" + request
                    + "), as Kafka requires, got '" + delivery + "'");
        }
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

    /** The static tasks must fit in the watch list; compared only with a valid limit, to name one problem. */
    private static int maxWatchedTasks(SettingsReader read, List<TaskRef> tasks) {
        int problemsBefore = read.problems().size();
        int max = read.integer("max.watched.tasks", 1, 10_000_000);
        if (read.problems().size() == problemsBefore && tasks.size() > max) {
            read.problem("modelarts.tasks", "names " + tasks.size() + " tasks, more than MAX_WATCHED_TASKS (" + max
                    + ")");
        }
        return max;
    }

    private static List<String> datasets(SettingsReader read) {
        List<String> datasets = read.list("modelarts.datasets");
        datasets.forEach(id -> read.id("modelarts.datasets", id));
        return datasets;
    }
}
