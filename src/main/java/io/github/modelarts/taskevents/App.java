package io.github.modelarts.taskevents;

import io.github.modelarts.taskevents.config.InvalidSettingsException;
import io.github.modelarts.taskevents.config.Settings;
import io.github.modelarts.taskevents.config.SettingsSource;
import io.github.modelarts.taskevents.replay.ReplayCommand;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/** Entry point: {@code java -jar modelarts-task-events.jar [--demo | replay ...]}. */
public final class App {
    private static final int CONFIG_ERROR = 2;
    private static final String DEMO_CLASS = "io.github.modelarts.taskevents.demo.Demo";
    private static final String DEMO_JAR = "modelarts-task-events-demo.jar";

    private App() {
    }

    public static void main(String[] args) throws Exception {
        List<String> arguments = List.of(args);
        if (!arguments.isEmpty() && arguments.get(0).equals("replay")) {
            System.exit(new ReplayCommand(System.getenv(), Map.of(), Clock.systemUTC(), System.out, System.err)
                    .run(arguments.subList(1, arguments.size())));
        }
        if (!arguments.isEmpty() && !arguments.equals(List.of("--demo"))) {
            System.err.println("Usage: java -jar modelarts-task-events.jar [--demo]\n"
                    + "       java -jar modelarts-task-events.jar replay --since <RFC 3339> [--until <RFC 3339>]"
                    + " [--task <task_id>] [--type <ce_type>]\n"
                    + "Configured by environment variables; see README.md.");
            System.exit(CONFIG_ERROR);
        }
        if (arguments.contains("--demo")) {
            System.exit(runDemo());
        }
        try {
            SettingsSource source = SettingsSource.load(System.getenv(), Map.of());
            Settings settings = Settings.from(source);
            try (Application application = new Application(settings, source)) {
                System.exit(application.run());
            }
        } catch (InvalidSettingsException e) {
            System.err.println(e.getMessage());
            System.exit(CONFIG_ERROR);
        } catch (Exception e) {
            // without this, threads already started (database pool, HTTP client) would keep a failed JVM alive
            LoggerFactory.getLogger(App.class).error("Start-up failed: {}", e.getMessage(), e);
            System.exit(1);
        }
    }

    /**
     * The demo (the simulator, a Kafka broker, a console) is built from the test sources into {@code demo/}
     * beside this jar, so that the jar and {@code lib/}, which production ships, carry none of it. Its own
     * class loader sees this application's classes through its parent.
     */
    private static int runDemo() throws Exception {
        Path demo = Path.of(App.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolveSibling("demo");
        if (!Files.isRegularFile(demo.resolve(DEMO_JAR))) {
            System.err.println("The demo is not installed here: " + demo.resolve(DEMO_JAR) + " is missing.\n"
                    + "mvn package builds it beside the jar in a source checkout (README.md);"
                    + " installations and container images leave it out.");
            return CONFIG_ERROR;
        }
        List<URL> classpath = new ArrayList<>(List.of(demo.resolve(DEMO_JAR).toUri().toURL()));
        try (Stream<Path> libs = Files.list(demo.resolve("lib"))) {
            for (Path lib : libs.sorted().toList()) {
                classpath.add(lib.toUri().toURL());
            }
        }
        // not closed: the JVM exits right after the demo, and its shutdown hooks may still load classes
        URLClassLoader loader = new URLClassLoader(classpath.toArray(URL[]::new), App.class.getClassLoader());
        // the broker instantiates classes it names in its configuration through the context class loader
        Thread.currentThread().setContextClassLoader(loader);
        try {
            return (int) loader.loadClass(DEMO_CLASS).getMethod("run").invoke(null);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
