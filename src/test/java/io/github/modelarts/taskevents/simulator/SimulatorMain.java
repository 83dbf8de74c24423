package io.github.modelarts.taskevents.simulator;

import io.github.modelarts.taskevents.simulator.auth.DemoAuth;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator on its own until killed: {@code SimulatorMain [--port 8089] [--scenario FILE]
 * [--auth token|password|aksk [--token-ttl-seconds N]]}. Without {@code --scenario} it plays the demo scenario
 * from the classpath; without {@code --auth} it lets every request in.
 */
public final class SimulatorMain {
    private static final String USAGE = "usage: SimulatorMain [--port N] [--scenario FILE]"
            + " [--auth token|password|aksk] [--token-ttl-seconds N]  (port default 8089, token TTL 86400)";

    private SimulatorMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int port = 8089;
        Path scenarioFile = null;
        String auth = null;
        Duration tokenTtl = Duration.ofHours(24);
        Scenario scenario = null;
        DemoAuth demoAuth = null;
        try {
            for (int i = 0; i < args.length; i += 2) {
                String value = value(args, i);
                switch (args[i]) {
                    case "--port" -> port = Integer.parseInt(value);
                    case "--scenario" -> scenarioFile = Path.of(value);
                    case "--auth" -> auth = value;
                    case "--token-ttl-seconds" -> tokenTtl = Duration.ofSeconds(Long.parseLong(value));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            scenario = scenarioFile == null ? Scenario.fromClasspath(Scenario.DEMO) : Scenario.load(scenarioFile);
            demoAuth = auth == null ? null : DemoAuth.of(auth, scenario.projectId(), tokenTtl);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n" + USAGE);
            System.exit(2);
        }
        ModelArtsSimulator simulator = ModelArtsSimulator.builder(scenario.projectId()).port(port)
                .gate(demoAuth == null ? RequestGate.ALLOW_ALL : demoAuth.gate()).build().start();
        simulator.load(scenario);
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
        System.out.println("ModelArts simulator for project " + scenario.projectId() + " on " + simulator.baseUrl());
        for (ScenarioTask task : scenario.tasks()) {
            System.out.printf("  %-13s %s/v2/%s/datasets/%s/tasks/%s%n", task.type().apiName(), simulator.baseUrl(),
                    scenario.projectId(), task.datasetId(), task.task().path("task_id").asText());
        }
        if (demoAuth != null) {
            System.out.println("Authentication " + auth + " enforced; configure the client with:");
            demoAuth.environment(simulator.baseUrl()).forEach((name, value) -> System.out.println("  export "
                    + name + "=" + value));
        }
        // the server's threads are daemons, so this thread keeps the process alive
        new CountDownLatch(1).await();
    }

    private static String value(String[] args, int option) {
        if (option + 1 >= args.length) {
            throw new IllegalArgumentException(args[option] + " needs a value");
        }
        return args[option + 1];
    }
}
