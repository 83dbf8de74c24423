package io.github.modelarts.taskevents.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.modelarts.taskevents.task.TaskRef;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WatchRequestTest {

    @Test
    void givenAWatchRequestWithAnExtraField_whenParsed_thenItsTaskAndActionAndTheFieldIgnored() {
        WatchRequest request = parse("{\"dataset_id\":\"OBegCXHxTJ2JHRAZWr0\",\"task_id\":\"14cyxyu6UXaNT3lrPFl\","
                + "\"action\":\"watch\",\"requested_by\":\"ops\"}");

        assertThat(request.ref()).isEqualTo(new TaskRef("OBegCXHxTJ2JHRAZWr0", "14cyxyu6UXaNT3lrPFl"));
        assertThat(request.action()).isEqualTo(WatchRequest.Action.WATCH);
        assertThat(parse("{\"dataset_id\":\"d\",\"task_id\":\"t\",\"action\":\"unwatch\"}").action())
                .isEqualTo(WatchRequest.Action.UNWATCH);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not json|not a JSON object",
            "[1,2]|not a JSON object",
            "{\"task_id\":\"t\",\"action\":\"watch\"}|dataset_id",
            "{\"dataset_id\":\"../admin\",\"task_id\":\"t\",\"action\":\"watch\"}|dataset_id",
            "{\"dataset_id\":\"d\",\"task_id\":\"t/../x\",\"action\":\"watch\"}|task_id",
            "{\"dataset_id\":\"d\",\"task_id\":7,\"action\":\"watch\"}|task_id",
            "{\"dataset_id\":\"d\",\"task_id\":\"t\"}|action",
            "{\"dataset_id\":\"d\",\"task_id\":\"t\",\"action\":\"WATCH\"}|action",
            "{\"dataset_id\":\"d\",\"task_id\":\"t\",\"action\":\"delete\"}|action",
    })
    void givenAMalformedRequest_whenParsed_thenRefusedSayingWhatIsWrong(String body, String problem) {
        assertThatThrownBy(() -> parse(body)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(problem);
    }

    @Test
    void givenNoValue_whenParsed_thenRefused() {
        assertThatThrownBy(() -> WatchRequest.parse(null)).hasMessage("not a JSON object");
    }

    private static WatchRequest parse(String body) {
        return WatchRequest.parse(body.getBytes(StandardCharsets.UTF_8));
    }
}
