package io.github.modelarts.taskevents.classify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.modelarts.taskevents.config.Topics;
import io.github.modelarts.taskevents.event.EventFactory;
import io.github.modelarts.taskevents.event.TaskEvent;
import io.github.modelarts.taskevents.task.Observation;
import io.github.modelarts.taskevents.task.PollFailure;
import io.github.modelarts.taskevents.task.TaskMemory;
import io.github.modelarts.taskevents.task.TaskRef;
import io.github.modelarts.taskevents.task.model.TaskDetail;
import io.github.modelarts.taskevents.task.model.TaskJson;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskClassifierTest {
    private static final TaskRef REF = new TaskRef("ds1", "task1");
    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private final TaskClassifier classifier = new TaskClassifier(
            new EventFactory("p1", new Topics("done", "failed", "progress", "errors", "watch")), 3,
            ref -> TaskMemory.NEW);

    @Test
    void givenSucceededTask_whenFirstSeen_thenOneCompletionEvent() {
        Decision decision = classifier.decide(seen(3, "ModelArts.4996", "2020-11-23 11:08:20"), TaskMemory.NEW);

        assertThat(decision.event()).get().extracting(TaskEvent::topic, TaskEvent::type)
                .containsExactly("done", "modelarts.task.succeeded");
        assertThat(decision.after().terminal()).isTrue();
    }

    @Test
    void givenTerminalTaskAlreadyPublished_whenSeenAgain_thenNoEvent() {
        Decision first = classifier.decide(seen(2, "ModelArts.4909", "t0"), TaskMemory.NEW);

        Decision second = classifier.decide(seen(2, "ModelArts.4909", "t0"), first.after());

        assertThat(second.event()).isEmpty();
    }

    @Test
    void givenTerminalTask_whenANewRunSucceeds_thenNewEventWithNewId() {
        Decision firstRun = classifier.decide(seen(3, "ModelArts.4996", "t0"), TaskMemory.NEW);

        Decision secondRun = classifier.decide(seen(3, "ModelArts.4996", "t1"), firstRun.after());

        assertThat(secondRun.event()).isPresent();
        assertThat(secondRun.event().get().id()).isNotEqualTo(firstRun.event().get().id());
    }

    @Test
    void givenSameRunAndOutcome_whenDecidedFromScratchTwice_thenSameCeId() {
        TaskEvent once = classifier.decide(seen(5, "ModelArts.4393", "t0"), TaskMemory.NEW).event().orElseThrow();
        TaskEvent again = classifier.decide(seen(5, "ModelArts.4393", "t0"), TaskMemory.NEW).event().orElseThrow();

        assertThat(again.id()).isEqualTo(once.id());
    }

    @Test
    void givenRunningTask_whenStatusAndCodeUnchanged_thenNoSecondProgressEvent() {
        Decision first = classifier.decide(seen(1, "ModelArts.4902", "t0"), TaskMemory.NEW);
        Decision same = classifier.decide(seen(1, "ModelArts.4902", "t0"), first.after());
        Decision next = classifier.decide(seen(1, "ModelArts.4904", "t0"), same.after());

        assertThat(first.event()).get().extracting(TaskEvent::type).isEqualTo("modelarts.task.progress");
        assertThat(same.event()).isEmpty();
        assertThat(next.event()).isPresent();
    }

    @Test
    void givenUnknownStatus_whenSeen_thenErrorEventAndNeverTerminal() {
        Decision decision = classifier.decide(seen(9, "ModelArts.4902", "t0"), TaskMemory.NEW);

        assertThat(decision.event()).get().extracting(TaskEvent::topic, TaskEvent::type)
                .containsExactly("errors", "modelarts.task.error");
        assertThat(decision.event().get().value()).contains("\"reason\":\"unknown-status\"");
        assertThat(decision.after().terminal()).isFalse();
    }

    @Test
    void givenTransientFailures_whenThresholdReached_thenOneErrorEventPerStreak() {
        TaskMemory memory = TaskMemory.NEW;
        int events = 0;
        for (int poll = 1; poll <= 5; poll++) {
            Decision decision = classifier.decide(failed(new PollFailure("timeout", null, null, null, null, true)), memory);
            events += decision.event().isPresent() ? 1 : 0;
            if (poll < 3) {
                assertThat(decision.event()).isEmpty();
            }
            memory = decision.after();
        }
        Decision recovered = classifier.decide(seen(1, "ModelArts.4902", "t0"), memory);

        assertThat(events).isEqualTo(1);
        assertThat(recovered.after().consecutiveFailures()).isZero();
    }

    @Test
    void givenNotFound_whenPolled_thenErrorEventAndTaskLeavesWatchList() {
        PollFailure notFound = new PollFailure("not-found", 400, "ModelArts.4612", "gone", null, false);

        Decision decision = classifier.decide(failed(notFound), TaskMemory.NEW);

        assertThat(decision.unwatch()).isTrue();
        assertThat(decision.event()).get().extracting(TaskEvent::value).asString()
                .contains("\"reason\":\"not-found\"", "\"error_code\":\"ModelArts.4612\"");
    }

    @Test
    void givenFailedTask_whenCodeIsSoldOut_thenRetryableResourcesFailure() throws Exception {
        Decision decision = classifier.decide(seen(2, "ModelArts.4992", "t0"), TaskMemory.NEW);

        JsonNode value = TaskJson.MAPPER.readTree(decision.event().orElseThrow().value());
        assertThat(value.get("failure_category").asText()).isEqualTo("resources");
        assertThat(value.get("retryable").asBoolean()).isTrue();
        assertThat(value.get("outcome").asText()).isEqualTo("FAILED");
    }

    private static Observation seen(int status, String code, String createTime) {
        JsonNode body = TaskJson.MAPPER.valueToTree(Map.of("status", status, "code", code, "create_time", createTime,
                "task_id", REF.taskId(), "result", Map.of("total_sample_count", 10)));
        TaskDetail detail = TaskJson.MAPPER.convertValue(body, TaskDetail.class);
        return new Observation.TaskSeen(REF, detail, body.get("result"), 1, NOW);
    }

    private static Observation failed(PollFailure failure) {
        return new Observation.PollFailed(REF, failure, 1, NOW);
    }
}
