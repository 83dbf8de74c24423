package io.github.modelarts.taskevents.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.modelarts.taskevents.fetch.FetchResult;
import io.github.modelarts.taskevents.task.TaskRef;
import io.github.modelarts.taskevents.task.model.TaskDetail;
import io.github.modelarts.taskevents.task.model.TaskJson;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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
        TaskEvent succeeded = events.outcome("done", REF,
                task("{\"status\":3,\"code\":\"ModelArts.4902\",\"create_time\":\"t0\"}"), FETCHED);
        TaskEvent progress = events.progress("progress", REF,
                task("{\"status\":1,\"code\":\"ModelArts.4902\",\"create_time\":\"t0\"}"), FETCHED);

        assertThat(succeeded.id()).isEqualTo(nameUuid("p1\nds1\ntask1\nt0\nSUCCEEDED"));
        assertThat(progress.id()).isEqualTo(nameUuid("p1\nds1\ntask1\nt0\nprogress\n1\nModelArts.4902"));
        assertThat(succeeded.source()).isEqualTo("/modelarts/p1/datasets/ds1");
    }

    @Test
    void givenMissingStatusAndCode_whenUnknownStatusIsBuilt_thenTheyCountAsEmpty() throws Exception {
        TaskEvent unknown = events.unknownStatus("errors", REF, task("{\"create_time\":\"t0\"}"), FETCHED);

        assertThat(unknown.id()).isEqualTo(nameUuid("p1\nds1\ntask1\nt0\nunknown-status\nnull\n"));
    }

    @Test
    void givenAMalformedWatchRequest_whenItsErrorIsBuilt_thenIdAndSourceAreTheContractsRecipe() {
        WatchRequestErrors errors = new WatchRequestErrors("p1", "errors", Clock.fixed(NOW, ZoneOffset.UTC));

        TaskEvent error = errors.malformed(new byte[0], "not a JSON object", "watch", 0, 17, 1234);

        assertThat(error.id()).isEqualTo(nameUuid("p1\nwatch/0/17\n1234"));
        assertThat(error.source()).isEqualTo("/modelarts/p1/watch-requests");
    }

    private static TaskDetail task(String body) throws Exception {
        return TaskJson.MAPPER.readValue(body, TaskDetail.class);
    }

    private static String nameUuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
