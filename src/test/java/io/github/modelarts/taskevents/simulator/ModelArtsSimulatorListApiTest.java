package io.github.modelarts.taskevents.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelArtsSimulatorListApiTest {
    private static final String LIST = "/v2/p1/datasets/ds1/tasks";

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
    void givenTwentyFiveTasks_whenPagedByPageIndex_thenEachTaskOnceInInsertionOrder() throws Exception {
        putAutoLabelTasks(25);

        List<String> seen = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            JsonNode body = http.getJson(LIST + "?limit=10&offset=" + page);
            assertThat(body.path("total_count").asInt()).isEqualTo(25);
            body.path("tasks").forEach(task -> seen.add(task.path("task_id").asText()));
        }

        assertThat(seen).containsExactlyElementsOf(taskIds(25));
        assertThat(http.getJson(LIST + "?limit=10&offset=3").path("tasks")).isEmpty();
    }

    @Test
    void givenNoLimitOrOffset_whenListed_thenFirstTenAndEnvelope() throws Exception {
        putAutoLabelTasks(12);

        JsonNode body = http.getJson(LIST);

        assertThat(body.path("tasks")).hasSize(10);
        assertThat(body.path("tasks").get(0).path("task_id").asText()).isEqualTo("task-00");
        assertThat(body.path("total_count").asInt()).isEqualTo(12);
        assertThat(body.path("exist_running_deploy_task").isBoolean()).isTrue();
        assertThat(body.path("exist_running_deploy_task").asBoolean()).isFalse();
    }

    @Test
    void givenReplacedTask_whenListed_thenItKeepsItsPosition() throws Exception {
        putAutoLabelTasks(3);

        simulator.putTask("ds1", "{\"task_id\":\"task-00\",\"status\":3}");

        JsonNode first = http.getJson(LIST).path("tasks").get(0);
        assertThat(first.path("task_id").asText()).isEqualTo("task-00");
        assertThat(first.path("status").asInt()).isEqualTo(3);
    }

    @Test
    void givenAllTypes_whenListedWithoutType_thenAutoLabelAndPreLabelOnly() throws Exception {
        putOneOfEachType();

        JsonNode body = http.getJson(LIST);

        assertThat(body.path("total_count").asInt()).isEqualTo(2);
        assertThat(body.path("tasks").findValuesAsText("task_id")).containsExactly("label", "pre");
    }

    @Test
    void givenAllTypes_whenListedByType_thenOnlyThatTypeWithItsCode() throws Exception {
        putOneOfEachType();

        assertThat(typesListed("auto-label")).containsExactly("label:0");
        assertThat(typesListed("pre-label")).containsExactly("pre:1");
        assertThat(typesListed("auto-grouping")).containsExactly("group:2");
    }

    @Test
    void givenTaskWithResultCounts_whenListed_thenRunningTaskCarriesDatasetTypeAndCountsAtTopLevel()
            throws Exception {
        simulator.putTask("ds1", """
                {"task_id":"t1","status":3,"code":"ModelArts.4996",
                 "result":{"total_sample_count":246,"annotated_sample_count":38,"unconfirmed_sample_count":208}}""");

        JsonNode task = http.getJson(LIST).path("tasks").get(0);

        assertThat(task.path("dataset_id").asText()).isEqualTo("ds1");
        assertThat(task.path("type").isInt()).isTrue();
        assertThat(task.path("code").asText()).isEqualTo("ModelArts.4996");
        assertThat(task.path("total_sample_count").asInt()).isEqualTo(246);
        assertThat(task.path("annotated_sample_count").asInt()).isEqualTo(38);
        assertThat(task.path("unconfirmed_sample_count").asInt()).isEqualTo(208);
        assertThat(task.path("result").path("unconfirmed_sample_count").asInt()).isEqualTo(208);
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=0", "limit=101", "limit=ten", "offset=-1", "type=auto-deploy"})
    void givenInvalidParameter_whenListed_then400ParameterError(String query) throws Exception {
        putAutoLabelTasks(1);

        var response = http.get(LIST + "?" + query);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = SimulatorHttp.json(response.body());
        assertThat(error.path("error_code").asText()).isEqualTo("ModelArts.0104");
        assertThat(error.path("error_msg").asText()).startsWith("Parameter error: " + query.split("=")[0]);
    }

    @Test
    void givenLimitAtBounds_whenListed_thenAccepted() throws Exception {
        putAutoLabelTasks(101);

        assertThat(http.getJson(LIST + "?limit=1").path("tasks")).hasSize(1);
        assertThat(http.getJson(LIST + "?limit=100&offset=1").path("tasks")).hasSize(1);
    }

    @Test
    void givenUnknownDataset_whenListed_then400WithModelArts4352() throws Exception {
        var response = http.get("/v2/p1/datasets/nope/tasks");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(SimulatorHttp.json(response.body()).path("error_code").asText()).isEqualTo("ModelArts.4352");
    }

    @Test
    void givenDatasetWhoseTasksWereRemoved_whenListed_thenEmptyPage() throws Exception {
        putAutoLabelTasks(1);
        simulator.removeTask("ds1", "task-00");

        JsonNode body = http.getJson(LIST);

        assertThat(body.path("tasks")).isEmpty();
        assertThat(body.path("total_count").asInt()).isZero();
    }

    private List<String> typesListed(String type) throws Exception {
        List<String> listed = new ArrayList<>();
        http.getJson(LIST + "?type=" + type).path("tasks")
                .forEach(t -> listed.add(t.path("task_id").asText() + ":" + t.path("type").asInt()));
        return listed;
    }

    private void putOneOfEachType() {
        simulator.putTask("ds1", TaskType.AUTO_LABEL, "{\"task_id\":\"label\",\"status\":1}");
        simulator.putTask("ds1", TaskType.AUTO_GROUPING, "{\"task_id\":\"group\",\"status\":1}");
        simulator.putTask("ds1", TaskType.PRE_LABEL, "{\"task_id\":\"pre\",\"status\":3}");
    }

    private void putAutoLabelTasks(int count) {
        taskIds(count).forEach(id -> simulator.putTask("ds1", "{\"task_id\":\"" + id + "\",\"status\":1}"));
    }

    private static List<String> taskIds(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(String.format("task-%02d", i));
        }
        return ids;
    }
}
