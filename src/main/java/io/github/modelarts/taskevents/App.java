package io.github.modelarts.taskevents;

import io.github.modelarts.taskevents.config.InvalidSettingsException;
import io.github.modelarts.taskevents.config.Settings;
import io.github.modelarts.taskevents.config.SettingsSource;
import io.github.modelarts.taskevents.demo.Demo;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/** Entry point: {@code java -jar modelarts-task-events.jar [--demo]}. */
public final class App {
    private static final int CONFIG_ERROR = 2;

    private App() {
    }

    public static void main(String[] args) throws Exception {
        List<String> arguments = List.of(args);
        if (!arguments.isEmpty() && !arguments.equals(List.of("--demo"))) {
            System.err.println("Usage: java -jar modelarts-task-events.jar [--demo]\n"
                    + "Configured by environment variables; see README.md.");
            System.exit(CONFIG_ERROR);
        }
        if (arguments.contains("--demo")) {
            System.exit(Demo.run());
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
}
