package io.github.modelarts.taskevents.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.modelarts.taskevents.testsupport.EventSchemas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docs/schemas/watch-request.json says what the watch-request route applies: the requests the route applies are valid,
 * those it refuses (watch/WatchRequestTest, watch/WatchRequestConsumerTest) are not.
 */
class WatchRequestSchemaTest {
    private static final String SCHEMA = TaskEvent.SCHEMA_BASE + "watch-request.json";

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"dataset_id\":\"OBegCXHxTJ2JHRAZWr0\",\"task_id\":\"14cyxyu6UXaNT3lrPFl\",\"action\":\"watch\",\"requested_by\":\"ops\"}",
            "{\"dataset_id\":\"d\",\"task_id\":\"t\",\"action\":\"unwatch\"}",
            "{\"dataset_id\":\"dsWatch\",\"task_id\":\"a.b-c_1\",\"action\":\"watch\"}",
    })
    void givenARequestTheRouteApplies_whenValidated_thenValid(String body) {
        assertThat(EventSchemas.violations(SCHEMA, body)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "[1,2]",
            "\"watch\"",
            "{\"task_id\":\"t\",\"action\":\"watch\"}",
            "{\"dataset_id\":\"../admin\",\"task_id\":\"t\",\"action\":\"watch\"}",
            "{\"dataset_id\":\"../etc\",\"task_id\":\"t1\",\"action\":\"watch\"}",
            "{\"dataset_id\":\"d\",\"task_id\":\"t/../x\",\"action\":\"watch\"}",
            "{\"dataset_id\":\"d\",\"task_id\":\"a..b\",\"action\":\"watch\"}",
            "{\"dataset_id\":\"d\",\"task_id\":\"-t\",\"action\":\"watch\"}",
            "{\"dataset_id\":\"d\",\"task_id\":7,\"action\":\"watch\"}",
            "{\"dataset_id\":\"d\",\"task_id\":\"t\"}",
            "{\"dataset_id\":\"d\",\"task_id\":\"t\",\"action\":\"WATCH\"}",
            "{\"dataset_id\":\"d\",\"task_id\":\"t\",\"action\":\"delete\"}",
    })
    void givenARequestTheRouteRefuses_whenValidated_thenInvalid(String body) {
        assertThat(EventSchemas.violations(SCHEMA, body)).isNotEmpty();
    }

    @Test
    void givenAnIdTooLongForAPathSegment_whenValidated_thenInvalid() {
        String body = "{\"dataset_id\":\"" + "x".repeat(129) + "\",\"task_id\":\"t\",\"action\":\"watch\"}";

        assertThat(EventSchemas.violations(SCHEMA, body)).isNotEmpty();
        assertThat(EventSchemas.violations(SCHEMA, body.replace("x".repeat(129), "x".repeat(128)))).isEmpty();
    }
}
