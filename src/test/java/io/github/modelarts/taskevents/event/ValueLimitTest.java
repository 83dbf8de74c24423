package io.github.modelarts.taskevents.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.modelarts.taskevents.task.model.TaskJson;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** An event value over what the producer sends is cut to fit, as little as needed, and says what was cut. */
class ValueLimitTest {
    private static final int MAX_REQUEST_SIZE = 64 * 1024;
    private static final int MAX_VALUE_BYTES = MAX_REQUEST_SIZE - ValueLimit.RECORD_OVERHEAD_BYTES;
    private final ValueLimit limit = new ValueLimit(MAX_REQUEST_SIZE);

    @Test
    void givenAValueWithinTheLimit_whenSerialized_thenItIsLeftWhole() {
        ObjectNode value = value("detail", "message");

        assertThat(limit.serialize(value.deepCopy())).isEqualTo(value.toString());
    }

    @Test
    void givenALongDetailOfEscapedAndMultiByteText_whenSerialized_thenOnlyItIsCutToFillTheLimit() throws Exception {
        // a quote, a line break and a control character are longer in JSON, é and the emoji longer in UTF-8
        String detail = "\"é\n\u0001😀 step".repeat(20_000);

        String json = limit.serialize(value(detail, "short message"));

        int bytes = json.getBytes(StandardCharsets.UTF_8).length;
        assertThat(bytes).isLessThanOrEqualTo(MAX_VALUE_BYTES).isGreaterThan(MAX_VALUE_BYTES - 8);
        JsonNode cut = TaskJson.MAPPER.readTree(json);
        assertThat(cut.get("truncated")).extracting(JsonNode::asText).containsExactly("error_detail");
        String kept = cut.get("error_detail").asText();
        assertThat(kept).endsWith("…");
        assertThat(detail).startsWith(kept.substring(0, kept.length() - 1));
        assertThat(cut.get("message").asText()).isEqualTo("short message");
        assertThat(cut.get("result").get("total_sample_count").asInt()).isEqualTo(246);
    }

    @Test
    void givenAShortDetailAndAHugeMessage_whenSerialized_thenTheDetailIsKeptAndTheMessageCut() throws Exception {
        JsonNode cut = TaskJson.MAPPER.readTree(limit.serialize(value("a short detail", "m".repeat(200_000))));

        assertThat(cut.get("truncated")).extracting(JsonNode::asText).containsExactly("message");
        assertThat(cut.get("error_detail").asText()).isEqualTo("a short detail");
    }

    @Test
    void givenLongTextInEveryField_whenSerialized_thenEachIsCutToItsFloorInTurnAndTheResultLeftOut() throws Exception {
        ObjectNode value = value("d".repeat(40_000), "m".repeat(40_000));
        ((ObjectNode) value.get("result")).put("log", "r".repeat(80_000));

        String json = limit.serialize(value);

        assertThat(json.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(MAX_VALUE_BYTES);
        JsonNode cut = TaskJson.MAPPER.readTree(json);
        assertThat(cut.get("truncated")).extracting(JsonNode::asText)
                .containsExactly("error_detail", "message", "result");
        assertThat(cut.get("error_detail").asText()).hasSize(ValueLimit.KEPT_CHARS + 1);
        assertThat(cut.get("message").asText()).hasSize(ValueLimit.KEPT_CHARS + 1);
        assertThat(cut.has("result")).isFalse();
        assertThat(cut.get("total_sample_count").asInt()).as("the counts stay at the top level").isEqualTo(246);
    }

    @Test
    void givenAnIdentityFieldOverTheLimit_whenSerialized_thenTheValueStaysOverTheLimit() {
        ObjectNode value = value("detail", "message");
        value.put("code", "c".repeat(MAX_REQUEST_SIZE));

        assertThat(limit.serialize(value).getBytes(StandardCharsets.UTF_8).length).isGreaterThan(MAX_VALUE_BYTES);
    }

    private static ObjectNode value(String detail, String message) {
        ObjectNode value = TaskJson.MAPPER.createObjectNode();
        value.put("task_id", "t1");
        value.put("code", "ModelArts.4909");
        value.put("message", message);
        value.put("error_detail", detail);
        value.put("total_sample_count", 246);
        value.putObject("result").put("total_sample_count", 246);
        value.put("outcome", "FAILED");
        return value;
    }
}
