package io.github.modelarts.taskevents.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ModelArtsSimulatorTimelineTest {
    private static final String BASE = """
            {"task_id":"Gk3mWq8ZpR2vLx7NcYb","status":-1,"progress":0.0,
             "result":{"total_sample_count":49,"annotated_sample_count":30}}""";
    private static final String PATH = "/v2/p1/datasets/ds1/tasks/Gk3mWq8ZpR2vLx7NcYb";

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private ModelArtsSimulator simulator;
    private SimulatorHttp http;

    @BeforeEach
    void start() {
        simulator = ModelArtsSimulator.builder("p1").clock(clock::get).build().start();
        http = new SimulatorHttp(simulator);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void givenTimeline_whenClockBeforeFirstStep_thenBaseBody() throws Exception {
        simulator.putTimeline("ds1", BASE, List.of(new Step(2000, Map.of("status", 0))));
        clock.addAndGet(1999);

        assertThat(http.getJson(PATH)).isEqualTo(SimulatorHttp.json(BASE));
    }

    @Test
    void givenTimeline_whenClockPassesStep_thenStatusChanges() throws Exception {
        simulator.putTimeline("ds1", BASE, List.of(
                new Step(2000, Map.of("status", 0)),
                new Step(4000, Map.of("status", 1, "code", "ModelArts.4902", "progress", 10.0)),
                new Step(9000, Map.of("status", 3, "code", "ModelArts.4996", "progress", 100.0))));

        clock.addAndGet(2000);
        assertThat(http.getJson(PATH).path("status").asInt()).isZero();

        clock.addAndGet(2500);
        JsonNode running = http.getJson(PATH);
        assertThat(running.path("status").asInt()).isEqualTo(1);
        assertThat(running.path("code").asText()).isEqualTo("ModelArts.4902");
        assertThat(running.path("progress").asDouble()).isEqualTo(10.0);

        clock.addAndGet(4500);
        JsonNode done = http.getJson(PATH);
        assertThat(done.path("status").asInt()).isEqualTo(3);
        assertThat(done.path("progress").asDouble()).isEqualTo(100.0);
        assertThat(done.path("result").path("total_sample_count").asInt()).isEqualTo(49);
    }

    @Test
    void givenStepsOutOfOrder_whenClockPasses_thenAppliedInTimeOrder() throws Exception {
        simulator.putTimeline("ds1", BASE, List.of(
                new Step(5000, Map.of("status", 3)),
                new Step(1000, Map.of("status", 1))));

        clock.addAndGet(1000);
        assertThat(http.getJson(PATH).path("status").asInt()).isEqualTo(1);
        clock.addAndGet(4000);
        assertThat(http.getJson(PATH).path("status").asInt()).isEqualTo(3);
    }

    @Test
    void givenUpdateInTheMiddleOfATimeline_whenClockPassesLaterStep_thenBothApply() throws Exception {
        simulator.putTimeline("ds1", BASE, List.of(
                new Step(1000, Map.of("status", 1)),
                new Step(3000, Map.of("status", 3))));
        clock.addAndGet(1500);

        simulator.updateTask("ds1", "Gk3mWq8ZpR2vLx7NcYb", Map.of("message", "Labels exported."));

        assertThat(http.getJson(PATH).path("status").asInt()).isEqualTo(1);
        clock.addAndGet(1500);
        JsonNode done = http.getJson(PATH);
        assertThat(done.path("status").asInt()).isEqualTo(3);
        assertThat(done.path("message").asText()).isEqualTo("Labels exported.");
    }

    @Test
    void givenTimelineWithType_whenListed_thenTypeAndStateAtNow() throws Exception {
        simulator.putTimeline("ds1", TaskType.PRE_LABEL, SimulatorHttp.json(BASE),
                List.of(new Step(1000, Map.of("status", 3))));
        clock.addAndGet(1000);

        JsonNode listed = http.getJson("/v2/p1/datasets/ds1/tasks").path("tasks").get(0);

        assertThat(listed.path("type").asInt()).isEqualTo(1);
        assertThat(listed.path("status").asInt()).isEqualTo(3);
    }
}
