package io.github.modelarts.taskevents.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ModelArtsSimulatorTaskApiTest {
    private static final String TASK = """
            {"resource_id":"XGrRZuCV1qmMxnsmD5u","create_time":"2020-11-23 11:08:20","progress":10.0,
             "status":1,"message":"Start to export annotations. Export task id is jMZGm2SBp4Ymr2wrhAK",
             "code":"ModelArts.4902","elapsed_time":0,"task_id":"q8VUdgTyq1ZNTqk7pHY",
             "result":{"total_sample_count":49,"annotated_sample_count":30},"export_type":0,
             "config":{"ambiguity":false,"worker_server_num":0,"collect_sample":false,"algorithm_type":"fast",
                       "image_brightness":false,"image_colorfulness":false}}""";
    private static final String PATH = "/v2/p1/datasets/ds1/tasks/q8VUdgTyq1ZNTqk7pHY";

    private ModelArtsSimulator simulator;
    private SimulatorHttp http;

    @BeforeEach
    void start() {
        simulator = new ModelArtsSimulator("p1").start();
        http = new SimulatorHttp(simulator);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void givenPutTask_whenGet_thenAnswersItsJsonWithContentTypeAndRequestId() throws Exception {
        simulator.putTask("ds1", TASK);

        var response = http.get(PATH);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(SimulatorHttp.json(response.body())).isEqualTo(SimulatorHttp.json(TASK));
        assertThat(response.body()).contains("\"progress\":10.0");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.headers().firstValue("X-Request-Id")).get().asString().matches("[0-9a-f]{32}");
    }

    @Test
    void givenTaskAsJsonNode_whenGet_thenAnswersIt() throws Exception {
        simulator.putTask("ds1", new ObjectMapper().readTree(TASK));

        assertThat(http.getJson(PATH).path("code").asText()).isEqualTo("ModelArts.4902");
    }

    @Test
    void givenUpdate_whenGet_thenTopLevelFieldsMergedResultReplacedAndNullsRemoved() throws Exception {
        simulator.putTask("ds1", TASK);
        Map<String, Object> fields = new HashMap<>();
        fields.put("status", 3);
        fields.put("result", Map.of("unconfirmed_sample_count", 19));
        fields.put("message", null);

        simulator.updateTask("ds1", "q8VUdgTyq1ZNTqk7pHY", fields);

        var body = http.getJson(PATH);
        assertThat(body.path("status").asInt()).isEqualTo(3);
        assertThat(body.path("code").asText()).isEqualTo("ModelArts.4902");
        assertThat(body.path("result")).isEqualTo(SimulatorHttp.json("{\"unconfirmed_sample_count\":19}"));
        assertThat(body.has("message")).isFalse();
    }

    @Test
    void givenUnknownTask_whenUpdated_thenNoSuchElement() {
        assertThatThrownBy(() -> simulator.updateTask("ds1", "nope", Map.of("status", 1)))
                .isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void givenBodyWithoutTaskId_whenPut_thenRejected() {
        assertThatThrownBy(() -> simulator.putTask("ds1", "{\"status\":1}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("task_id");
    }

    @Test
    void givenRemovedTask_whenGet_thenAnswersLikeAMissingTask() throws Exception {
        simulator.putTask("ds1", TASK);

        assertThat(simulator.removeTask("ds1", "q8VUdgTyq1ZNTqk7pHY")).isTrue();

        var response = http.get(PATH);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(SimulatorHttp.json(response.body()).path("error_code").asText()).isEqualTo("ModelArts.4612");
    }

    @Test
    void givenMissingTask_whenGet_then400WithModelArts4612() throws Exception {
        simulator.putTask("ds1", TASK);

        var response = http.get("/v2/p1/datasets/ds1/tasks/missing");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"error_code\":\"ModelArts.4612\",\"error_msg\":\"Task does not exist\"}");
    }

    @Test
    void givenUnknownDataset_whenGet_then400WithModelArts4352() throws Exception {
        var response = http.get("/v2/p1/datasets/nope/tasks/q8VUdgTyq1ZNTqk7pHY");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body())
                .isEqualTo("{\"error_code\":\"ModelArts.4352\",\"error_msg\":\"Dataset does not exist\"}");
    }

    @Test
    void givenOtherProject_whenGet_then403WithModelArts0210() throws Exception {
        simulator.putTask("ds1", TASK);

        var response = http.get("/v2/other/datasets/ds1/tasks/q8VUdgTyq1ZNTqk7pHY");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).isEqualTo("{\"error_code\":\"ModelArts.0210\","
                + "\"error_msg\":\"The project ID in the URL does not match the project of the token.\"}");
    }

    @Test
    void givenUnknownPath_whenGet_then404WithApig0101() throws Exception {
        for (String path : List.of("/", "/v1/p1/datasets/ds1/tasks", "/v2/p1/datasets/ds1/tasks/t1/stop",
                "/v2/p1/datasets//tasks")) {
            var response = http.get(path);

            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(SimulatorHttp.json(response.body()).path("error_code").asText()).isEqualTo("APIG.0101");
        }
    }

    @Test
    void givenOtherMethod_whenTaskPath_then405AllowingGet() throws Exception {
        simulator.putTask("ds1", TASK);

        var response = http.send("DELETE", PATH);

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    void givenGateThatAnswers_whenGet_thenItsResponseInsteadOfTheTask() throws Exception {
        RequestGate needsToken = (method, uri, headers, body) -> headers.containsKey("X-Auth-Token")
                ? Optional.empty()
                : Optional.of(SimulatorResponse.error(401, "APIG.0301", "Incorrect IAM authentication information"));
        try (var gated = ModelArtsSimulator.builder("p1").gate(needsToken).build().start()) {
            gated.putTask("ds1", TASK);

            var response = new SimulatorHttp(gated).get(PATH);

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(SimulatorHttp.json(response.body()).path("error_code").asText()).isEqualTo("APIG.0301");
        }
    }

    @Test
    void givenGate_whenRequest_thenItSeesMethodRawUriAndBody() throws Exception {
        var seen = new StringBuilder();
        RequestGate recorder = (method, uri, headers, body) -> {
            seen.append(method).append(' ').append(uri).append(' ').append(body.length);
            return Optional.empty();
        };
        try (var gated = ModelArtsSimulator.builder("p1").gate(recorder).build().start()) {
            new SimulatorHttp(gated).get("/v2/p1/datasets/ds1/tasks?limit=5");

            assertThat(seen.toString()).isEqualTo("GET " + URI.create("/v2/p1/datasets/ds1/tasks?limit=5") + " 0");
        }
    }

    @Test
    void givenStartedSimulator_thenNoneOfItsThreadsKeepsTheJvmAlive() throws Exception {
        simulator.putTask("ds1", TASK);
        http.get(PATH);

        var serverThreads = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("modelarts-simulator") || t.getName().equals("HTTP-Dispatcher"))
                .toList();

        assertThat(serverThreads).isNotEmpty().allMatch(Thread::isDaemon);
    }
}
