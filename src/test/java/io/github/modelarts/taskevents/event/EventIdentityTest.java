package io.github.modelarts.taskevents.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.modelarts.taskevents.classify.StatusChange;
import io.github.modelarts.taskevents.classify.StatusChanges;
import io.github.modelarts.taskevents.fetch.FetchResult;
import io.github.modelarts.taskevents.task.TaskMemory;
import io.github.modelarts.taskevents.task.TaskRef;
import io.github.modelarts.taskevents.task.model.TaskDetail;
import io.github.modelarts.taskevents.task.model.TaskJson;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Consumers deduplicate on ce_id: these pin each recipe to its bytes, so a refactoring cannot change an id. */
class EventIdentityTest {
    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private static final TaskRef REF = new TaskRef("ds1", "task1");
    private static final FetchResult FETCHED = new FetchResult(null, 1, NOW);
    private final EventFactory events = new EventFactory("p1", 1 << 20);

    @Test
    void givenATaskRun_whenItsEventsAreBuilt_thenIdsAndSourceAreTheContractsRecipe() throws Exception {
        TaskDetail done = task("{\"status\":3,\"code\":\"ModelArts.4902\",\"create_time\":\"t0\"}");
        TaskEvent succeeded = events.outcome("done", REF, done, FETCHED, firstSighting(done));
        TaskDetail running = task("{\"status\":1,\"code\":\"ModelArts.4902\",\"create_time\":\"t0\"}");
        TaskEvent progress = events.progress("progress", REF, running, FETCHED, firstSighting(running));

        // the terminal recipe is the one of every earlier version: (run, outcome), whatever its sequence
        assertThat(succeeded.id()).isEqualTo(nameUuid("p1\nds1\ntask1\nt0\nSUCCEEDED"));
        assertThat(progress.id()).isEqualTo(nameUuid("p1\nds1\ntask1\nt0\nsequence\n1"));
        assertThat(succeeded.source()).isEqualTo("/modelarts/p1/datasets/ds1");
    }

    @Test
    void givenMissingStatusAndCode_whenUnknownStatusIsBuilt_thenItsIdIsItsPlaceInTheRun() throws Exception {
        TaskDetail unknownTask = task("{\"create_time\":\"t0\"}");
        TaskEvent unknown = events.unknownStatus("errors", REF, unknownTask, FETCHED, firstSighting(unknownTask));

        assertThat(unknown.id()).isEqualTo(nameUuid("p1\nds1\ntask1\nt0\nsequence\n1"));
        assertThat(unknown.headers()).containsEntry("ce_sequence", "1");
    }

    @Test
    void givenACodeThatComesBackInTheRun_whenEachChangeIsBuilt_thenThreeIdsAndSequencesOneToThree()
            throws Exception {
        TaskMemory memory = TaskMemory.NEW;
        List<TaskEvent> published = new ArrayList<>();
        for (String code : List.of("ModelArts.4902", "ModelArts.4916", "ModelArts.4902")) {
            TaskDetail running = task("{\"status\":1,\"code\":\"" + code + "\",\"create_time\":\"t0\"}");
            StatusChange change = StatusChanges.compare(REF, running, NOW, memory, Duration.ZERO);
            TaskEvent event = events.progress("progress", REF, running, FETCHED, change);
            published.add(event);
            memory = change.after().published(event.type(), event.time(), event.sequence());
        }

        assertThat(published).extracting(TaskEvent::id).doesNotHaveDuplicates().containsExactly(
                nameUuid("p1\nds1\ntask1\nt0\nsequence\n1"), nameUuid("p1\nds1\ntask1\nt0\nsequence\n2"),
                nameUuid("p1\nds1\ntask1\nt0\nsequence\n3"));
        assertThat(published).extracting(TaskEvent::sequence).containsExactly(1, 2, 3);
        assertThat(published).extracting(event -> event.headers().get("ce_sequence")).containsExactly("1", "2", "3");
    }

    @Test
    void givenARunSeenRunningThenSucceeded_whenItsOutcomeIsBuilt_thenItsDurationIsElapsedTimeElseFromFirstSighting()
            throws Exception {
        TaskDetail running = task("{\"status\":1,\"code\":\"ModelArts.4902\",\"create_time\":\"t0\"}");
        StatusChange first = StatusChanges.compare(REF, running, NOW, TaskMemory.NEW, Duration.ZERO);
        TaskMemory seen = first.after().published(EventTypes.PROGRESS, NOW, 1);
        Instant later = NOW.plusSeconds(90);
        FetchResult fetchedLater = new FetchResult(null, 1, later);

        TaskDetail withoutElapsed = task("{\"status\":3,\"code\":\"ModelArts.4902\",\"create_time\":\"t0\"}");
        JsonNode fromSightings = TaskJson.MAPPER.readTree(events.outcome("done", REF, withoutElapsed, fetchedLater,
                StatusChanges.compare(REF, withoutElapsed, later, seen, Duration.ZERO)).value());
        TaskDetail withElapsed = task(
                "{\"status\":3,\"code\":\"ModelArts.4902\",\"create_time\":\"t0\",\"elapsed_time\":840}");
        JsonNode fromApi = TaskJson.MAPPER.readTree(events.outcome("done", REF, withElapsed, fetchedLater,
                StatusChanges.compare(REF, withElapsed, later, seen, Duration.ZERO)).value());
        JsonNode firstProgress = TaskJson.MAPPER.readTree(
                events.progress("progress", REF, running, FETCHED, first).value());

        assertThat(fromSightings.get("run_duration_s").asLong()).isEqualTo(90);
        assertThat(fromApi.get("run_duration_s").asLong()).isEqualTo(840);
        assertThat(fromSightings.get("previous_status").asInt()).isEqualTo(1);
        assertThat(fromSightings.get("previous_status_name").asText()).isEqualTo("running");
        assertThat(fromSightings.get("previous_code").asText()).isEqualTo("ModelArts.4902");
        assertThat(fromSightings.get("first_seen_at").asText()).isEqualTo(NOW.toString());
        assertThat(fromSightings.get("sequence").asInt()).isEqualTo(2);
        assertThat(firstProgress.has("run_duration_s")).isFalse();
        assertThat(firstProgress.has("previous_status")).isFalse();
        assertThat(firstProgress.has("previous_code")).isFalse();
    }

    @Test
    void givenAMalformedWatchRequest_whenItsErrorIsBuilt_thenIdAndSourceAreTheContractsRecipe() {
        WatchRequestErrors errors = new WatchRequestErrors("p1", "errors", Clock.fixed(NOW, ZoneOffset.UTC));

        TaskEvent error = errors.malformed(new byte[0], "not a JSON object", "watch", 0, 17, 1234);

        assertThat(error.id()).isEqualTo(nameUuid("p1\nwatch/0/17\n1234"));
        assertThat(error.source()).isEqualTo("/modelarts/p1/watch-requests");
    }

    private static StatusChange firstSighting(TaskDetail task) {
        return StatusChanges.compare(REF, task, NOW, TaskMemory.NEW, Duration.ZERO);
    }

    private static TaskDetail task(String body) throws Exception {
        return TaskJson.MAPPER.readValue(body, TaskDetail.class);
    }

    private static String nameUuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
