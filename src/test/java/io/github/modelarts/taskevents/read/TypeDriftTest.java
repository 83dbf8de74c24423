package io.github.modelarts.taskevents.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.modelarts.taskevents.classify.StatusChanges;
import io.github.modelarts.taskevents.event.EventFactory;
import io.github.modelarts.taskevents.event.TaskEvent;
import io.github.modelarts.taskevents.fetch.FetchResult;
import io.github.modelarts.taskevents.task.TaskMemory;
import io.github.modelarts.taskevents.task.TaskRef;
import io.github.modelarts.taskevents.task.model.TaskDetail;
import io.github.modelarts.taskevents.task.model.TaskJson;
import io.github.modelarts.taskevents.testsupport.TaskBodies;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A field whose JSON type drifted from the model may cost that field, never an answer the events need. */
class TypeDriftTest {
    private static final TaskRef REF = new TaskRef("ds1", "task1");
    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private final EventFactory events = new EventFactory("p1", 1 << 20);

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

    /** As the poll route unmarshals a 200's body (routes/poll-tasks.camel.yaml), then builds its event. */
    private TaskEvent completion(ObjectNode body) {
        TaskDetail task = assertDoesNotThrow(() -> TaskJson.MAPPER.readValue(bytes(body), TaskDetail.class));
        return events.outcome("done", REF, task, new FetchResult(null, 1, NOW),
                StatusChanges.compare(REF, task, NOW, TaskMemory.NEW, Duration.ZERO));
    }

    /** A body the route's unmarshal refuses is reported as malformed-response. */
    private static String reason(ObjectNode body) {
        assertThatThrownBy(() -> TaskJson.MAPPER.readValue(bytes(body), TaskDetail.class))
                .isInstanceOf(JacksonException.class);
        return "malformed-response";
    }

    private static byte[] bytes(ObjectNode body) {
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }
}
