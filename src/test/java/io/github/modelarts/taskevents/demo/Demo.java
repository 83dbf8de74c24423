package io.github.modelarts.taskevents.demo;

import io.github.modelarts.taskevents.Application;
import io.github.modelarts.taskevents.config.Settings;
import io.github.modelarts.taskevents.config.SettingsSource;
import io.github.modelarts.taskevents.simulator.ModelArtsSimulator;
import io.github.modelarts.taskevents.simulator.Scenario;
import io.github.modelarts.taskevents.simulator.ScenarioTask;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/**
 * {@code --demo}: a real Kafka broker and the ModelArts simulator in this JVM, the pipeline polling every
 * 2 s, and a console consumer printing each event from Kafka; exits 0 once every demo task's terminal
 * event has been read back from Kafka.
 */
public final class Demo {
    private static final Duration TIME_LIMIT = Duration.ofMinutes(2);

    private Demo() {
    }

    public static int run() throws Exception {
        PrintStream out = System.out;
        quietLogs();
        Scenario scenario = Scenario.fromClasspath(Scenario.DEMO);
        List<String> taskIds = scenario.tasks().stream().map(t -> t.task().get("task_id").asText()).toList();
        out.println("modelarts-task-events demo: starting a Kafka broker and the ModelArts simulator...");
        DemoTimeline timeline = new DemoTimeline();
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             ModelArtsSimulator simulator = ModelArtsSimulator.builder(scenario.projectId())
                     .clock(timeline::elapsedMillis).build()) {
            simulator.load(scenario);
            simulator.start();
            Map<String, String> overrides = Map.of(
                    "modelarts.endpoint", simulator.baseUrl(),
                    "modelarts.project.id", scenario.projectId(),
                    "modelarts.tasks", scenario.tasks().stream().map(Demo::pair).collect(Collectors.joining(",")),
                    "kafka.bootstrap.servers", kafka.bootstrapServers(),
                    "poll.cron", "0/2 * * * * ?",
                    "state.dir", Files.createTempDirectory("modelarts-demo-state").toString(),
                    // a free port unless one is asked for, so a running instance does not stop the demo
                    "management.port", System.getenv().getOrDefault("MANAGEMENT_PORT", "0"));
            SettingsSource source = SettingsSource.load(System.getenv(), overrides);
            Settings settings = Settings.from(source);
            kafka.createTopics(List.of(settings.topics().completed(), settings.topics().failed(),
                    settings.topics().progress(), settings.topics().errors()));
            try (Application application = new Application(settings, source);
                 EventConsole console = new EventConsole(kafka.bootstrapServers(), settings.topics(), out)) {
                application.start();
                timeline.begin();
                out.printf("%nSimulator at %s, Kafka at %s. Watching %d tasks, polling every 2 s.%n"
                        + "While it runs: curl http://127.0.0.1:%d/observe/tasks (also /observe/metrics)%n"
                        + "Each line below is an event read back from Kafka:%n%n", simulator.baseUrl(),
                        kafka.bootstrapServers(), taskIds.size(), application.managementPort());
                boolean done = awaitTerminalEvents(console, taskIds);
                out.println(done
                        ? "\nEvery demo task has ended and its event is on Kafka. Done."
                        : "\nThe demo did not finish within " + TIME_LIMIT.toSeconds() + " s: " + console.terminalByTask());
                return done ? 0 : 1;
            }
        }
    }

    private static boolean awaitTerminalEvents(EventConsole console, List<String> taskIds)
            throws InterruptedException {
        long deadline = System.nanoTime() + TIME_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (console.terminalByTask().keySet().containsAll(taskIds)) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    /** The console shows each event already; the per-event log line and the broker's chatter would repeat it. */
    private static void quietLogs() {
        for (String name : List.of("modelarts.events", "org.apache.kafka", "kafka")) {
            ((Logger) LoggerFactory.getLogger(name)).setLevel(Level.ERROR);
        }
    }

    private static String pair(ScenarioTask task) {
        return task.datasetId() + "/" + task.task().get("task_id").asText();
    }
}
