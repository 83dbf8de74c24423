package io.github.modelarts.taskevents.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioTest {
    private static final String FLOWERS = "/v2/demo-project/datasets/WJKY40uvSwMFLZDe1f8/tasks/";
    private static final Set<Integer> TERMINAL = Set.of(2, 3, 5);

    private final AtomicLong clock = new AtomicLong();
    private final Scenario demo = Scenario.fromClasspath(Scenario.DEMO);
    private ModelArtsSimulator simulator;
    private SimulatorHttp http;

    @BeforeEach
    void start() {
        simulator = ModelArtsSimulator.builder("demo-project").clock(clock::get).build().start();
        simulator.load(demo);
        http = new SimulatorHttp(simulator);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void givenDemoScenario_whenLoaded_thenFiveTasksOfEveryType() {
        assertThat(demo.projectId()).isEqualTo("demo-project");
        assertThat(demo.tasks()).hasSize(5);
        assertThat(demo.tasks()).extracting(ScenarioTask::type).contains(TaskType.values());
        assertThat(demo.tasks()).allSatisfy(task -> {
            assertThat(task.task().path("task_id").asText()).matches("[A-Za-z0-9]{19}");
            assertThat(task.task().path("create_time").asText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        });
    }

    @Test
    void givenDemoScenario_whenPolledEveryTwoSeconds_thenAutoLabelTaskShowsEveryPhaseAndSucceeds() throws Exception {
        List<JsonNode> polls = pollEveryTwoSeconds(FLOWERS + "u8jzPde0IgxLd6GncfB");

        Set<String> statusAndCode = new LinkedHashSet<>();
        polls.forEach(p -> statusAndCode.add(p.path("status").asInt() + " " + p.path("code").asText()));
        assertThat(statusAndCode).containsExactly("-1 ", "0 ", "1 ModelArts.4914", "1 ModelArts.4902",
                "1 ModelArts.4904", "1 ModelArts.4900", "1 ModelArts.4916", "3 ModelArts.4996");
        JsonNode exporting = polls.stream().filter(p -> "ModelArts.4902".equals(p.path("code").asText())).findFirst()
                .orElseThrow();
        assertThat(exporting.path("progress").asDouble()).isEqualTo(10.0);
        assertThat(exporting.path("message").asText()).startsWith("Start to export annotations. Export task id is ");
        JsonNode done = polls.get(polls.size() - 1);
        assertThat(done.path("progress").asDouble()).isEqualTo(100.0);
        assertThat(done.path("message").asText()).isEqualTo("task executed successfully.");
        assertThat(done.path("result").path("total_sample_count").asInt()).isEqualTo(49);
        assertThat(done.path("result").path("annotated_sample_count").asInt()).isEqualTo(30);
        assertThat(done.path("result").path("unconfirmed_sample_count").asInt()).isEqualTo(19);
    }

    @Test
    void givenDemoScenario_whenTwentySecondsPassed_thenEveryTaskIsTerminalWithItsOutcome() throws Exception {
        clock.set(20_000);

        JsonNode failed = http.getJson("/v2/demo-project/datasets/rESQedUStPKR0CsTy4Q/tasks/LKOmxgJTeKdNnFRIBXu");
        assertThat(failed.path("status").asInt()).isEqualTo(2);
        assertThat(failed.path("code").asText()).isEqualTo("ModelArts.4909");
        assertThat(failed.path("error_code").asText()).isEqualTo("ModelArts.4909");
        assertThat(failed.path("error_msg").asText()).isEqualTo("Failed to execute the training job.");
        assertThat(failed.path("error_detail").asText()).isNotBlank();
        JsonNode stopped = http.getJson("/v2/demo-project/datasets/3FfkCzJr4i0B3JrTAwR/tasks/UCsMehGAkWvj7FAc9Qe");
        assertThat(stopped.path("status").asInt()).isEqualTo(5);
        assertThat(stopped.path("code").asText()).isEqualTo("ModelArts.4393");
        for (ScenarioTask task : demo.tasks()) {
            String path = "/v2/demo-project/datasets/" + task.datasetId() + "/tasks/" + task.task().get("task_id").asText();
            assertThat(http.getJson(path).path("status").asInt()).as(path).isIn(TERMINAL);
        }
    }

    @Test
    void givenDemoScenario_whenStarted_thenPreLabelTaskAlreadySucceeded() throws Exception {
        JsonNode preLabel = http.getJson(FLOWERS + "jAIxNKu8iS2G8NPRVdD");

        assertThat(preLabel.path("status").asInt()).isEqualTo(3);
        assertThat(preLabel.path("code").asText()).isEqualTo("ModelArts.4996");
        assertThat(http.getJson("/v2/demo-project/datasets/WJKY40uvSwMFLZDe1f8/tasks?type=pre-label")
                .path("tasks").get(0).path("type").asInt()).isEqualTo(1);
    }

    @Test
    void givenDemoScenario_whenStopped_thenItPassedThroughStopping() throws Exception {
        String path = "/v2/demo-project/datasets/3FfkCzJr4i0B3JrTAwR/tasks/UCsMehGAkWvj7FAc9Qe";

        Set<Integer> statuses = new LinkedHashSet<>();
        pollEveryTwoSeconds(path).forEach(p -> statuses.add(p.path("status").asInt()));

        assertThat(statuses).containsExactly(1, 4, 5);
    }

    @Test
    void givenDemoScenario_whenGroupingPolled_thenSubmittedExecutedSucceeded() throws Exception {
        String path = "/v2/demo-project/datasets/nCkhvMdgaKjIg8xNbe3/tasks/fjgVvVqE1SkHbn88Hxj";

        Set<String> codes = new LinkedHashSet<>();
        pollEveryTwoSeconds(path).forEach(p -> codes.add(p.path("status").asInt() + " " + p.path("code").asText()));

        assertThat(codes).containsExactly("1 ModelArts.4960", "1 ModelArts.4962", "3 ModelArts.4996");
        assertThat(http.getJson("/v2/demo-project/datasets/nCkhvMdgaKjIg8xNbe3/tasks?type=auto-grouping")
                .path("total_count").asInt()).isEqualTo(1);
    }

    @Test
    void givenScenarioFile_whenLoaded_thenTypeDefaultsToAutoLabelAndTimelineApplies(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("scenario.json");
        Files.writeString(file, """
                {"project_id": "demo-project", "tasks": [
                  {"dataset_id": "ds9", "task": {"task_id": "t9", "status": 1},
                   "timeline": [{"after_ms": 500, "set": {"status": 3, "error_code": null}}]}]}""");

        Scenario scenario = Scenario.load(file);
        simulator.load(scenario);
        clock.addAndGet(500);

        assertThat(scenario.tasks().get(0).type()).isEqualTo(TaskType.AUTO_LABEL);
        assertThat(http.getJson("/v2/demo-project/datasets/ds9/tasks/t9").path("status").asInt()).isEqualTo(3);
    }

    @Test
    void givenMisspeltKey_whenLoaded_thenRejected(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("typo.json");
        Files.writeString(file, """
                {"project_id": "p", "tasks": [{"dataset_id": "d", "task": {"task_id": "t"},
                 "timeline": [{"after": 500, "set": {}}]}]}""");

        assertThatThrownBy(() -> Scenario.load(file)).isInstanceOf(IOException.class).hasMessageContaining("after");
    }

    @Test
    void givenScenarioOfAnotherProject_whenLoaded_thenRejected() {
        var other = new Scenario("other-project", List.of());

        assertThatThrownBy(() -> simulator.load(other)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenMissingResource_whenLoadedFromClasspath_thenRejected() {
        assertThatThrownBy(() -> Scenario.fromClasspath("simulator/none.json"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** What a poller sees from start to 24 s, one GET every 2 s. */
    private List<JsonNode> pollEveryTwoSeconds(String path) throws Exception {
        List<JsonNode> polls = new ArrayList<>();
        for (long at = 0; at <= 24_000; at += 2_000) {
            clock.set(at);
            polls.add(http.getJson(path));
        }
        return polls;
    }
}
