package io.github.modelarts.taskevents.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.modelarts.taskevents.config.Secret;
import io.github.modelarts.taskevents.config.Settings;
import io.github.modelarts.taskevents.event.TaskEvent;
import io.github.modelarts.taskevents.task.TaskMemory;
import io.github.modelarts.taskevents.task.TaskRef;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {
    private static final TaskRef REF = new TaskRef("ds", "task");
    private static final Instant AT = Instant.parse("2026-11-27T10:00:00Z");

    @TempDir
    Path dir;
    private Database database;
    private StateStore store;

    @BeforeEach
    void open() {
        database = new Database(new Settings.State(dir, "", "", new Secret(""), Duration.ofDays(7)));
        store = new StateStore(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void givenTheSameEventIdTwice_whenRecorded_thenTheOutboxHoldsItOnce() {
        store.record(REF, memory(), Optional.of(event("id-1")));
        store.record(REF, memory(), Optional.of(event("id-1")));

        assertThat(store.pending(10)).extracting(OutboxRecord::ceId).containsExactly("id-1");
    }

    @Test
    void givenPublishedAndPendingEvents_whenPruned_thenOnlyOldPublishedOnesGo() {
        store.record(REF, memory(), Optional.of(event("published")));
        store.record(REF, memory(), Optional.of(event("pending")));
        store.markPublished(java.util.List.of(store.pending(10).get(0).seq()));

        int deleted = store.prunePublished(AT.plusSeconds(1));

        assertThat(deleted).isEqualTo(1);
        assertThat(store.pending(10)).extracting(OutboxRecord::ceId).containsExactly("pending");
        assertThat(store.prunePublished(AT.plusSeconds(1))).isZero();
    }

    @Test
    void givenARecordedTask_whenReopened_thenItsDurableMemoryIsBack() {
        store.record(REF, memory(), Optional.empty());
        database.close();
        database = new Database(new Settings.State(dir, "", "", new Secret(""), Duration.ofDays(7)));

        TaskMemory loaded = new StateStore(database).loadTasks().get(REF);

        assertThat(loaded.run()).isEqualTo("2026-11-27 09:00:00");
        assertThat(loaded.status()).isEqualTo(3);
        assertThat(loaded.code()).isEqualTo("ModelArts.4996");
        assertThat(loaded.terminal()).isTrue();
        assertThat(loaded.lastEventAt()).isEqualTo(AT);
    }

    @Test
    void givenANameLongerThanItsColumn_whenRecorded_thenItIsCutBeforeThePairThatWouldBeSplit() {
        // 510 characters, then U+1F33C as a surrogate pair at 511-512: a cut at 511 would split it
        String name = "a".repeat(510) + "\uD83C\uDF3C" + "b".repeat(100);
        store.record(REF, memory().seen(3, "ModelArts.4996", true, name, 100.0, AT), Optional.empty());

        String stored = store.loadTasks().get(REF).taskName();

        assertThat(stored).isEqualTo("a".repeat(510) + "…");
    }

    private static TaskMemory memory() {
        return new TaskMemory("2026-11-27 09:00:00", 3, "ModelArts.4996", true, "name", 100.0,
                "modelarts.task.succeeded", AT, AT, 0, null, null);
    }

    private static TaskEvent event(String id) {
        return new TaskEvent("topic", REF.taskId(), id, "modelarts.task.succeeded", "/modelarts/p/datasets/ds",
                REF.taskId(), AT, "{}");
    }
}
