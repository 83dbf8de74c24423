package io.github.modelarts.taskevents.publish;

import static io.github.modelarts.taskevents.testsupport.TaskBodies.failed;
import static io.github.modelarts.taskevents.testsupport.TaskBodies.task;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.modelarts.taskevents.task.model.TaskJson;
import io.github.modelarts.taskevents.testsupport.Pipeline;
import io.github.modelarts.taskevents.testsupport.TopicReader;
import io.github.modelarts.taskevents.testsupport.TopicReader.Received;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A record Kafka would refuse must not hold back the outbox: an oversized event is cut to what the producer sends. */
class PoisonRecordTest {
    private static final String DS = "dsPoison";
    private static final int DEFAULT_MAX_REQUEST_SIZE = 1_048_576;

    @Test
    void givenAFailedTaskWithA2MbErrorDetail_whenPolled_thenItsFailureIsPublishedCutAndMarked_andALaterCompletionToo()
            throws Exception {
        try (Pipeline pipeline = new Pipeline().with("max.response.bytes", String.valueOf(4 << 20))
                .watching(DS + "/huge", DS + "/later");
             TopicReader reader = pipeline.reader()) {
            // a log with line breaks and non-ASCII text: each is longer in the JSON value than in the string
            String detail = "Traceback: step ü failed\n".repeat(80_000);
            assertThat(detail.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(2_000_000);
            ObjectNode huge = failed("huge", "ModelArts.4909", "Failed to execute the training job.");
            huge.put("error_detail", detail);
            pipeline.simulator().putTask(DS, huge);
            pipeline.simulator().putTask(DS, task("later", 1, "ModelArts.4902"));
            pipeline.start();
            pipeline.poll();
            pipeline.simulator().putTask(DS, task("later", 3, "ModelArts.4996"));
            pipeline.poll();

            Received completion = reader.await(1, r -> r.topic().equals(pipeline.topics().completed())).get(0);
            assertThat(completion.key()).isEqualTo("later");
            Received failure = reader.awaitOnTopic(pipeline.topics().failed(), 1).get(0);
            assertThat(failure.value().getBytes(StandardCharsets.UTF_8).length)
                    .isLessThan(DEFAULT_MAX_REQUEST_SIZE).isGreaterThan(DEFAULT_MAX_REQUEST_SIZE - 16 * 1024);
            JsonNode value = json(failure);
            assertThat(value.get("truncated")).extracting(JsonNode::asText).containsExactly("error_detail");
            String cut = value.get("error_detail").asText();
            assertThat(cut).endsWith("…");
            assertThat(detail).startsWith(cut.substring(0, cut.length() - 1));
            assertThat(value.get("outcome").asText()).isEqualTo("FAILED");
            assertThat(value.get("error_code").asText()).isEqualTo("ModelArts.4909");
            assertThat(value.get("message").asText()).isEqualTo("message of huge");
            assertThat(value.get("result").get("total_sample_count").asInt()).isEqualTo(246);
            assertThat(pipeline.application().store().backlog()).isZero();
            assertThat(reader.toEnd()).filteredOn(r -> r.topic().equals(pipeline.topics().errors())).isEmpty();
        }
    }

    private static JsonNode json(Received record) {
        try {
            return TaskJson.MAPPER.readTree(record.value());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + record.value(), e);
        }
    }
}
