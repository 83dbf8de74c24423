package io.github.modelarts.taskevents.demo;

import io.github.modelarts.taskevents.Application;
import io.github.modelarts.taskevents.config.Settings;
import io.github.modelarts.taskevents.config.SettingsSource;
import io.github.modelarts.taskevents.simulator.ModelArtsSimulator;
import io.github.modelarts.taskevents.simulator.Scenario;
import io.github.modelarts.taskevents.simulator.ScenarioTask;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

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
        Scenario scenario = Scenario.fromClasspath(Scenario.DEMO);
        List<String> taskIds = scenario.tasks().stream().map(t -> t.task().get("task_id").asText()).toList();
        out.println("modelarts-task-events demo: starting a Kafka broker and the ModelArts simulator...");
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             ModelArtsSimulator simulator = new ModelArtsSimulator(scenario.projectId())) {
            simulator.load(scenario);
            simulator.start();
            Map<String, String> overrides = Map.of(
                    "modelarts.endpoint", simulator.baseUrl(),
                    "modelarts.project.id", scenario.projectId(),
                    "modelarts.tasks", scenario.tasks().stream().map(Demo::pair).collect(Collectors.joining(",")),
                    "kafka.bootstrap.servers", kafka.bootstrapServers(),
                    "poll.cron", "0/2 * * * * ?",
                    "state.dir", Files.createTempDirectory("modelarts-demo-state").toString());
            SettingsSource source = SettingsSource.load(System.getenv(), overrides);
            Settings settings = Settings.from(source);
            try (Application application = new Application(settings, source);
                 EventConsole console = new EventConsole(kafka.bootstrapServers(), settings.topics(), out)) {
                out.printf("Simulator at %s, Kafka at %s. Watching %d tasks, polling every 2 s.%n"
                        + "Each line below is an event read back from Kafka:%n%n", simulator.baseUrl(),
                        kafka.bootstrapServers(), taskIds.size());
                application.start();
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

    private static String pair(ScenarioTask task) {
        return task.datasetId() + "/" + task.task().get("task_id").asText();
    }
}
