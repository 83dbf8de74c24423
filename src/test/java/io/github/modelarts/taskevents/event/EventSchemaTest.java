package io.github.modelarts.taskevents.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.modelarts.taskevents.testsupport.EventSchemas;
import org.junit.jupiter.api.Test;

/** The checks TopicReader applies to every record: a value that breaks docs/events.md is caught, naming why. */
class EventSchemaTest {
    private static final String PROGRESS = TaskEvent.SCHEMA_BASE + "modelarts.task.progress.json";
    private static final String FAILED = TaskEvent.SCHEMA_BASE + "modelarts.task.failed.json";
    private static final String ERROR = TaskEvent.SCHEMA_BASE + "modelarts.task.error.json";
    private static final String TASK = "\"project_id\":\"p\",\"dataset_id\":\"d\",\"task_id\":\"t\","
            + "\"observed_at\":\"2026-11-27T09:14:04.002Z\",\"sequence\":2,\"previous_status\":0,"
            + "\"previous_status_name\":\"initializing\",\"first_seen_at\":\"2026-11-27T09:00:00Z\"";

    @Test
    void givenTheDocumentedProgressEvent_whenValidated_thenValid_andWithoutItsPhaseNot() {
        String event = "{" + TASK + ",\"status\":1,\"status_name\":\"running\",\"code\":\"ModelArts.4902\","
                + "\"progress\":10.0,\"result\":{\"new_api_field\":1},\"phase\":\"exporting-labels\"}";

        assertThat(EventSchemas.violations(PROGRESS, event)).isEmpty();
        assertThat(EventSchemas.violations(PROGRESS, event.replace(",\"phase\":\"exporting-labels\"", "")))
                .singleElement().asString().contains("phase");
    }

    @Test
    void givenAFieldTheContractDoesNotName_whenValidated_thenInvalid() {
        String event = "{" + TASK + ",\"status\":2,\"outcome\":\"FAILED\",\"failure_category\":\"training\","
                + "\"retryable\":false,\"run_duration_s\":840}";

        assertThat(EventSchemas.violations(FAILED, event)).isEmpty();
        // an event recorded by an earlier version, still in the outbox at the upgrade, has no run fields
        assertThat(EventSchemas.violations(FAILED, event.replace(",\"run_duration_s\":840", ""))).isEmpty();
        assertThat(EventSchemas.violations(FAILED, event.replace(",\"sequence\":2", ""))).isEmpty();
        assertThat(EventSchemas.violations(FAILED, event.replace("retryable", "retriable"))).isNotEmpty();
        assertThat(EventSchemas.violations(FAILED, event.replace("\"status\":2", "\"status\":3"))).isNotEmpty();
    }

    @Test
    void givenAWatchRequestError_whenValidated_thenItNeedsItsPosition_andNoDataset() {
        String event = "{\"project_id\":\"p\",\"reason\":\"malformed-watch-request\",\"error_msg\":\"action\","
                + "\"body\":\"{}\",\"watch_request\":\"modelarts.task.watch/0/17\",\"observed_at\":\"2026-11-27T09:14:04Z\"}";

        assertThat(EventSchemas.violations(ERROR, event)).isEmpty();
        assertThat(EventSchemas.violations(ERROR, event.replace(",\"watch_request\":\"modelarts.task.watch/0/17\"", "")))
                .isNotEmpty();
        assertThat(EventSchemas.violations(ERROR, event.replace("malformed-watch-request", "http-error"))).isNotEmpty();
    }

    @Test
    void givenAStalledEvent_whenValidated_thenItNeedsHowLongItWasUnchanged() {
        String stalled = TaskEvent.SCHEMA_BASE + "modelarts.task.stalled.json";
        String event = "{" + TASK + ",\"status\":1,\"phase\":\"running\","
                + "\"unchanged_since\":\"2026-11-27T07:14:04.002Z\",\"unchanged_for_s\":7200}";

        assertThat(EventSchemas.violations(stalled, event)).isEmpty();
        assertThat(EventSchemas.violations(stalled, event.replace(",\"unchanged_for_s\":7200", ""))).isNotEmpty();
        assertThat(EventSchemas.violations(stalled, event.replace("\"status\":1", "\"status\":3"))).isNotEmpty();
    }

    @Test
    void givenASchemaIdWithNoFile_whenValidated_thenThatIsTheViolation() {
        assertThat(EventSchemas.violations(TaskEvent.SCHEMA_BASE + "modelarts.task.renamed.json", "{}"))
                .singleElement().asString().contains("no schema");
    }
}
