package io.github.modelarts.taskevents.simulator;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The tasks a simulator starts with, as a JSON file:
 * {@code {"project_id": "...", "tasks": [{"dataset_id": "...", "type": "auto-label",
 * "task": {...}, "timeline": [{"after_ms": 2000, "set": {...}}]}]}}.
 * Unknown keys are rejected, so a misspelt key fails loudly instead of being ignored.
 */
public record Scenario(@JsonProperty("project_id") String projectId, @JsonProperty("tasks") List<ScenarioTask> tasks) {

    /** The demo's scenario on the classpath: tasks that succeed, fail and stop within about 20 s. */
    public static final String DEMO = "simulator/demo-scenario.json";

    public Scenario {
        Objects.requireNonNull(projectId, "project_id");
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
    }

    public static Scenario load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Json.MAPPER.readValue(in, Scenario.class);
        }
    }

    public static Scenario fromClasspath(String resource) {
        try (InputStream in = Scenario.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no scenario on the classpath at " + resource);
            }
            return Json.MAPPER.readValue(in, Scenario.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scenario " + resource, e);
        }
    }
}
