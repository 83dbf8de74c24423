package io.github.modelarts.taskevents;

import static io.github.modelarts.taskevents.testsupport.TaskBodies.failed;
import static io.github.modelarts.taskevents.testsupport.TaskBodies.task;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.modelarts.taskevents.simulator.Fault;
import io.github.modelarts.taskevents.task.model.TaskJson;
import io.github.modelarts.taskevents.testsupport.Pipeline;
import io.github.modelarts.taskevents.testsupport.TopicReader.Received;
import io.github.modelarts.taskevents.testsupport.TopicReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The route end to end: simulator over HTTP → fetch → classify → outbox → real Kafka. */
class PollRouteTest {
    private static final String DS = "OBegCXHxTJ2JHRAZWr0";
    private static final String SOURCE = "/modelarts/" + Pipeline.PROJECT + "/datasets/" + DS;

    @Test
    void givenTasksInEveryStatus_whenPolled_thenEachRowOfTheContractTableLandsOnItsTopic() throws Exception {
        try (Pipeline pipeline = new Pipeline(); TopicReader reader = pipeline.reader()) {
            put(pipeline, task("succeeded3", 3, "ModelArts.4996"));
            put(pipeline, failed("failed2", "ModelArts.4909", "Failed to execute the training job."));
            put(pipeline, task("stopped5", 5, "ModelArts.4393"));
            put(pipeline, task("queuing", -1, null));
            put(pipeline, task("initializing", 0, "ModelArts.4914"));
            put(pipeline, task("running", 1, "ModelArts.4902"));
            put(pipeline, task("stopping", 4, "ModelArts.4902"));
            put(pipeline, task("unknown9", 9, "ModelArts.4902"));
            ObjectNode noStatus = task("nostatus", 1, null);
            noStatus.remove("status");
            put(pipeline, noStatus);
            pipeline.watching(DS + "/succeeded3", DS + "/failed2", DS + "/stopped5", DS + "/queuing",
                    DS + "/initializing", DS + "/running", DS + "/stopping", DS + "/unknown9", DS + "/nostatus");
            pipeline.start();

            pipeline.poll();

            List<Received> events = reader.await(9, r -> true);
            assertThat(events).hasSize(9);
            // each is its run's first sighting: the first of its sequence, with nothing before it
            assertThat(events).allSatisfy(event -> {
                assertThat(event.header("ce_sequence")).isEqualTo("1");
                assertThat(json(event).get("first_seen_at").asText()).isEqualTo(event.header("ce_time"));
                assertThat(json(event).has("previous_status")).isFalse();
                assertThat(json(event).has("previous_code")).isFalse();
                assertThat(json(event).has("run_duration_s")).isEqualTo(event.topic().equals(pipeline.topics()
                        .completed()) || event.topic().equals(pipeline.topics().failed()));
            });
            Received succeeded = only(events, "succeeded3");
            assertEnvelope(succeeded, pipeline.topics().completed(), "modelarts.task.succeeded");
            JsonNode value = json(succeeded);
            assertThat(value.get("outcome").asText()).isEqualTo("SUCCEEDED");
            assertThat(value.get("status").asInt()).isEqualTo(3);
            assertThat(value.get("status_name").asText()).isEqualTo("succeeded");
            assertThat(value.get("project_id").asText()).isEqualTo(Pipeline.PROJECT);
            assertThat(value.get("dataset_id").asText()).isEqualTo(DS);
            assertThat(value.get("task_name").asText()).isEqualTo("name-succeeded3");
            assertThat(value.get("total_sample_count").asInt()).isEqualTo(246);
            assertThat(value.get("annotated_sample_count").asInt()).isEqualTo(38);
            assertThat(value.get("unconfirmed_sample_count").asInt()).isEqualTo(198);
            assertThat(value.get("progress").asDouble()).isEqualTo(100.0);
            assertThat(value.has("failure_category")).isFalse();

            Received failed = only(events, "failed2");
            assertEnvelope(failed, pipeline.topics().failed(), "modelarts.task.failed");
            assertThat(json(failed).get("outcome").asText()).isEqualTo("FAILED");
            assertThat(json(failed).get("error_code").asText()).isEqualTo("ModelArts.4909");
            assertThat(json(failed).get("error_msg").asText()).isEqualTo("Failed to execute the training job.");
            assertThat(json(failed).get("error_detail").asText()).isEqualTo("detail of failed2");
            assertThat(json(failed).get("failure_category").asText()).isEqualTo("training");
            assertThat(json(failed).get("retryable").asBoolean()).isFalse();

            Received stopped = only(events, "stopped5");
            assertEnvelope(stopped, pipeline.topics().failed(), "modelarts.task.stopped");
            assertThat(json(stopped).get("outcome").asText()).isEqualTo("STOPPED");
            assertThat(json(stopped).get("failure_category").asText()).isEqualTo("stopped");

            for (String[] progress : new String[][] {{"queuing", "queuing", "queuing"},
                    {"initializing", "initializing", "auto-labeling-submitted"},
                    {"running", "running", "exporting-labels"}, {"stopping", "stopping", "exporting-labels"}}) {
                Received event = only(events, progress[0]);
                assertEnvelope(event, pipeline.topics().progress(), "modelarts.task.progress");
                assertThat(json(event).get("status_name").asText()).isEqualTo(progress[1]);
                assertThat(json(event).get("phase").asText()).isEqualTo(progress[2]);
                assertThat(json(event).has("outcome")).isFalse();
            }

            for (String unknown : List.of("unknown9", "nostatus")) {
                Received event = only(events, unknown);
                assertEnvelope(event, pipeline.topics().errors(), "modelarts.task.error");
                assertThat(json(event).get("reason").asText()).isEqualTo("unknown-status");
                assertThat(json(event).has("outcome")).isFalse();
            }
            assertThat(pipeline.application().watchList().memory(new io.github.modelarts.taskevents.task.TaskRef(
                    DS, "unknown9")).terminal()).isFalse();
        }
    }

    @Test
    void givenTheDocumentedExampleResponse_whenPolled_thenOneProgressEventWithItsPhaseAndCounts() throws Exception {
        String documented = """
                { "resource_id":"XGrRZuCV1qmMxnsmD5u", "create_time":"2020-11-23 11:08:20", "progress":10.0,
                  "status":1, "message":"Start to export annotations. Export task id is jMZGm2SBp4Ymr2wrhAK",
                  "code":"ModelArts.4902", "elapsed_time":0,
                  "result":{"total_sample_count":49,"annotated_sample_count":30,"continuity":false},
                  "export_type":0, "task_id":"XGrRZuCV1qmMxnsmD5u",
                  "config":{"ambiguity":false,"worker_server_num":0,"collect_sample":false,"algorithm_type":"supervisory",
                            "image_brightness":false,"image_colorfulness":false} }""";
        try (Pipeline pipeline = new Pipeline().watching(DS + "/XGrRZuCV1qmMxnsmD5u");
             TopicReader reader = pipeline.reader()) {
            pipeline.simulator().putTask(DS, documented);
            pipeline.start();

            pipeline.poll();

            Received event = reader.awaitOnTopic(pipeline.topics().progress(), 1).get(0);
            JsonNode value = json(event);
            assertThat(value.get("phase").asText()).isEqualTo("exporting-labels");
            assertThat(value.get("code").asText()).isEqualTo("ModelArts.4902");
            assertThat(value.get("progress").asDouble()).isEqualTo(10.0);
            assertThat(value.get("total_sample_count").asInt()).isEqualTo(49);
            assertThat(value.get("annotated_sample_count").asInt()).isEqualTo(30);
            assertThat(value.get("create_time").asText()).isEqualTo("2020-11-23 11:08:20");
            assertThat(value.get("message").asText()).startsWith("Start to export annotations.");
            assertThat(value.get("result").get("continuity").asBoolean()).isFalse();
            assertThat(reader.all()).hasSize(1);
        }
    }

    @Test
    void givenTaskAlreadySucceeded_whenPolledManyTimes_thenExactlyOneCompletionEvent() throws Exception {
        try (Pipeline pipeline = new Pipeline().watching(DS + "/done", DS + "/sentinel");
             TopicReader reader = pipeline.reader()) {
            put(pipeline, task("done", 3, "ModelArts.4996"));
            put(pipeline, task("sentinel", 1, "ModelArts.4902"));
            pipeline.with("terminal.recheck.cycles", "1").start();

            pipeline.poll();
            pipeline.poll();
            pipeline.poll();
            pipeline.simulator().updateTask(DS, "sentinel", Map.of("code", "ModelArts.4904"));
            pipeline.poll();

            // the sentinel's second event was recorded last: once it is on Kafka, so is anything before it
            reader.await(2, r -> r.key().equals("sentinel"));
            assertThat(reader.all()).filteredOn(r -> r.key().equals("done")).hasSize(1);
        }
    }

    @Test
    void givenOneTaskAnswering500_whenPolled_thenErrorEventForItAndTheOtherTaskStillPublished() throws Exception {
        try (Pipeline pipeline = new Pipeline().watching(DS + "/broken", DS + "/healthy");
             TopicReader reader = pipeline.reader()) {
            put(pipeline, task("broken", 1, "ModelArts.4902"));
            put(pipeline, task("healthy", 3, "ModelArts.4996"));
            pipeline.simulator().injectFault(DS, "broken",
                    Fault.error(500, "ModelArts.0010", "Internal error"));
            pipeline.with("http.retries", "0").with("poll.error.threshold", "1").start();

            pipeline.poll();

            Received error = reader.awaitOnTopic(pipeline.topics().errors(), 1).get(0);
            assertEnvelope(error, pipeline.topics().errors(), "modelarts.task.error");
            assertThat(error.key()).isEqualTo("broken");
            assertThat(json(error).get("reason").asText()).isEqualTo("http-error");
            assertThat(json(error).get("http_status").asInt()).isEqualTo(500);
            assertThat(json(error).get("error_code").asText()).isEqualTo("ModelArts.0010");
            assertThat(json(error).get("error_msg").asText()).isEqualTo("Internal error");
            assertThat(json(error).get("attempts").asInt()).isEqualTo(1);
            assertThat(reader.awaitOnTopic(pipeline.topics().completed(), 1).get(0).key()).isEqualTo("healthy");
        }
    }

    @Test
    void givenSameTaskRun_whenObservedByTwoIndependentPipelines_thenSameCeId_andANewRunGetsANewOne()
            throws Exception {
        String first;
        try (Pipeline pipeline = new Pipeline().watching(DS + "/rerun"); TopicReader reader = pipeline.reader()) {
            put(pipeline, task("rerun", 3, "ModelArts.4996"));
            pipeline.start();
            pipeline.poll();
            first = reader.awaitOnTopic(pipeline.topics().completed(), 1).get(0).header("ce_id");
        }
        try (Pipeline pipeline = new Pipeline().watching(DS + "/rerun"); TopicReader reader = pipeline.reader()) {
            put(pipeline, task("rerun", 3, "ModelArts.4996"));
            pipeline.with("terminal.recheck.cycles", "1").start();
            pipeline.poll();
            pipeline.simulator().updateTask(DS, "rerun", Map.of("create_time", "2026-11-28 08:00:00"));
            pipeline.poll();

            List<Received> completed = reader.awaitOnTopic(pipeline.topics().completed(), 2);
            assertThat(completed.get(0).header("ce_id")).isEqualTo(first);
            assertThat(completed.get(1).header("ce_id")).isNotEqualTo(first);
            assertThat(json(completed.get(1)).get("create_time").asText()).isEqualTo("2026-11-28 08:00:00");
        }
    }

    private static void put(Pipeline pipeline, ObjectNode task) {
        pipeline.simulator().putTask(DS, task);
    }

    private static Received only(List<Received> events, String taskId) {
        List<Received> matching = events.stream().filter(e -> e.key().equals(taskId)).toList();
        assertThat(matching).as("events of " + taskId).hasSize(1);
        return matching.get(0);
    }

    private static void assertEnvelope(Received event, String topic, String ceType) {
        assertThat(event.topic()).isEqualTo(topic);
        // the sequence extension is on the task events of a run only, not on a failed poll's
        List<String> headers = new ArrayList<>(List.of("ce_specversion", "ce_id", "ce_source", "ce_type",
                "ce_dataschema", "ce_subject", "ce_time", "content-type"));
        if (json(event).has("sequence")) {
            headers.add("ce_sequence");
            assertThat(event.header("ce_sequence")).isEqualTo(json(event).get("sequence").asText());
        }
        assertThat(event.headers().keySet()).containsExactlyInAnyOrderElementsOf(headers);
        assertThat(event.header("ce_specversion")).isEqualTo("1.0");
        assertThat(event.header("ce_id")).isNotBlank();
        assertThat(event.header("ce_source")).isEqualTo(SOURCE);
        assertThat(event.header("ce_type")).isEqualTo(ceType);
        assertThat(event.header("ce_dataschema"))
                .isEqualTo("https://github.com/modelarts-task-events/schemas/" + ceType + ".json");
        assertThat(event.header("ce_subject")).isEqualTo(event.key());
        assertThat(Instant.parse(event.header("ce_time"))).isBeforeOrEqualTo(Instant.now());
        assertThat(event.header("content-type")).isEqualTo("application/json");
        assertThat(json(event).get("task_id").asText()).isEqualTo(event.key());
        assertThat(Instant.parse(json(event).get("observed_at").asText())).isEqualTo(
                Instant.parse(event.header("ce_time")));
    }

    private static JsonNode json(Received event) {
        try {
            return TaskJson.MAPPER.readTree(event.value());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + event.value(), e);
        }
    }
}
