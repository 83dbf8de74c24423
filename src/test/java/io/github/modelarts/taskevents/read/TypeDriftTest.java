package io.github.modelarts.taskevents.read;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.modelarts.taskevents.classify.TaskClassifier;
import io.github.modelarts.taskevents.config.Topics;
import io.github.modelarts.taskevents.event.EventFactory;
import io.github.modelarts.taskevents.event.TaskEvent;
import io.github.modelarts.taskevents.fetch.FetchResult;
import io.github.modelarts.taskevents.task.Observation;
import io.github.modelarts.taskevents.task.TaskMemory;
import io.github.modelarts.taskevents.task.TaskRef;
import io.github.modelarts.taskevents.task.model.TaskJson;
import io.github.modelarts.taskevents.testsupport.TaskBodies;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A field whose JSON type drifted from the model may cost that field, never an answer the events need. */
class TypeDriftTest {
    private static final TaskRef REF = new TaskRef("ds1", "task1");
    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private final ResponseReader reader = new ResponseReader();
    private final TaskClassifier classifier = new TaskClassifier(
            new EventFactory("p1", new Topics("done", "failed", "progress", "errors", "watch")), 3,
            ref -> TaskMemory.NEW);

    @Test
    void givenSucceededTask_whenAStepsCreateTimeIsAString_thenCompletionCarriesTheResultAsReceived()
            throws Exception {
        ObjectNode body = TaskBodies.task("task1", 3, "ModelArts.4996");
        ObjectNode step = ((ObjectNode) body.get("result")).putArray("events").addObject();
        step.put("create_time", "2026-11-27 09:00:01");
        step.put("name", "labeling");

        TaskEvent event = completion(body);

        JsonNode value = TaskJson.MAPPER.readTree(event.value());
        assertThat(value.get("total_sample_count").asInt()).isEqualTo(246);
        assertThat(value.get("result")).isEqualTo(body.get("result"));
    }

    @Test
    void givenSucceededTask_whenUnreadFieldsHoldObjectsAndStrings_thenStillACompletion() {
        ObjectNode body = TaskBodies.task("task1", 3, "ModelArts.4996");
        ((ObjectNode) body.get("result")).putObject("dataset_name").put("zh", "数据集");
        body.put("config", "not an object");
        body.put("elapsed_time", "two minutes");

        assertThat(completion(body).type()).isEqualTo("modelarts.task.succeeded");
    }

    @Test
    void givenStatusOfTheWrongType_whenRead_thenMalformed() {
        ObjectNode asObject = TaskBodies.task("task1", 3, "ModelArts.4996");
        asObject.putObject("status").put("value", 3);
        ObjectNode asWord = TaskBodies.task("task1", 3, "ModelArts.4996");
        asWord.put("status", "succeeded");

        assertThat(reason(asObject)).isEqualTo("malformed-response");
        assertThat(reason(asWord)).isEqualTo("malformed-response");
    }

    @Test
    void givenASampleCountOfTheWrongType_whenRead_thenMalformed() {
        ObjectNode body = TaskBodies.task("task1", 3, "ModelArts.4996");
        ((ObjectNode) body.get("result")).put("total_sample_count", "many");

        assertThat(reason(body)).isEqualTo("malformed-response");
    }

    private TaskEvent completion(ObjectNode body) {
        Observation observation = reader.read(answer(body));
        assertThat(observation).isInstanceOf(Observation.TaskSeen.class);
        return classifier.decide(observation, TaskMemory.NEW).event().orElseThrow();
    }

    private String reason(ObjectNode body) {
        Observation observation = reader.read(answer(body));
        assertThat(observation).isInstanceOf(Observation.PollFailed.class);
        return ((Observation.PollFailed) observation).failure().reason();
    }

    private static FetchResult answer(ObjectNode body) {
        return new FetchResult.Answered(REF, 200, "application/json", body.toString().getBytes(StandardCharsets.UTF_8),
                false, 1, NOW);
    }
}
