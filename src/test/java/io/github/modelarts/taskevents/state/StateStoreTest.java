package io.github.modelarts.taskevents.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.modelarts.taskevents.config.Secret;
import io.github.modelarts.taskevents.config.Settings;
import io.github.modelarts.taskevents.event.TaskEvent;
import io.github.modelarts.taskevents.task.RunHistory;
import io.github.modelarts.taskevents.task.TaskMemory;
import io.github.modelarts.taskevents.task.TaskRef;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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

        assertThat(store.pending(10, Set.of())).extracting(OutboxRecord::ceId).containsExactly("id-1");
    }

    @Test
    void givenPublishedAndPendingEvents_whenPruned_thenOnlyOldPublishedOnesGo() {
        store.record(REF, memory(), Optional.of(event("published")));
        store.record(REF, memory(), Optional.of(event("pending")));
        store.markPublished(List.of(store.pending(10, Set.of()).get(0).seq()));

        int deleted = store.prunePublished(AT.plusSeconds(1));

        assertThat(deleted).isEqualTo(1);
        assertThat(store.pending(10, Set.of())).extracting(OutboxRecord::ceId).containsExactly("pending");
        assertThat(store.prunePublished(AT.plusSeconds(1))).isZero();
    }

    @Test
    void givenAHeldKeyWithMoreRecordsThanTheLimit_whenPendingRead_thenTheOtherKeysRecordsStillFillIt() {
        for (int i = 0; i < 3; i++) {
            store.recordEvent(event("held-" + i, "held"));
        }
        store.recordEvent(event("free-0", "free"));
        store.recordEvent(event("other-0", "other"));

        assertThat(store.pending(2, Set.of("held"))).extracting(OutboxRecord::ceId).containsExactly("free-0", "other-0");
        assertThat(store.pending(2, Set.of())).extracting(OutboxRecord::ceId).containsExactly("held-0", "held-1");
    }

    @Test
    void givenARecordParkedWithItsErrorEvent_thenItLeavesTheQueueForGood_andTheErrorEventWaitsInItsPlace() {
        store.recordEvent(event("refused", "task"));
        store.recordEvent(event("next", "task"));

        store.park(store.pending(1, Set.of()).get(0).seq(), Optional.of(event("error-about-refused", "task")));
        store.park(store.pending(1, Set.of()).get(0).seq(), Optional.of(event("error-about-refused", "task")));

        assertThat(store.pending(10, Set.of())).as("an error event already in the outbox is not recorded again")
                .extracting(OutboxRecord::ceId).containsExactly("error-about-refused");
        assertThat(store.parked()).isEqualTo(2);
        assertThat(store.backlog()).isEqualTo(1);
        assertThat(store.prunePublished(AT.plusSeconds(1))).as("parked records wait for an operator").isZero();
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
    void givenARunsHistory_whenRecordedAndReadByANewStore_thenSequenceTimesAndStallComeBack() {
        RunHistory history = new RunHistory(3, AT, AT.plusSeconds(60), true);
        store.record(REF, new TaskMemory("2026-11-27 09:00:00", 1, "ModelArts.4902", false, "name", 10.0,
                "modelarts.task.stalled", AT, AT, 0, null, null, history), Optional.empty());

        TaskMemory loaded = new StateStore(database).loadTask(REF);

        assertThat(loaded.history()).isEqualTo(history);
        assertThat(loaded.progress()).isEqualTo(10.0);
    }

    @Test
    void givenANameLongerThanItsColumn_whenRecorded_thenItIsCutBeforeThePairThatWouldBeSplit() {
        // 510 characters, then U+1F33C as a surrogate pair at 511-512: a cut at 511 would split it
        String name = "a".repeat(510) + "\uD83C\uDF3C" + "b".repeat(100);
        store.record(REF, memory().seen(3, "ModelArts.4996", true, name, 100.0, AT), Optional.empty());

        String stored = store.loadTasks().get(REF).taskName();

        assertThat(stored).isEqualTo("a".repeat(510) + "…");
    }

    @Test
    void givenLargeEvents_whenABatchIsRead_thenItHoldsNoMoreCharactersThanAsked_butAlwaysOneEvent() {
        for (int i = 0; i < 3; i++) {
            store.recordEvent(new TaskEvent("topic", "key", "big-" + i, "modelarts.task.succeeded",
                    "/modelarts/p/datasets/ds", "key", AT, "x".repeat(1000)));
        }

        assertThat(store.pending(10, 2500, Set.of())).extracting(OutboxRecord::ceId).containsExactly("big-0", "big-1");
        assertThat(store.pending(10, 10, Set.of())).extracting(OutboxRecord::ceId).containsExactly("big-0");
    }

    private static TaskMemory memory() {
        return new TaskMemory("2026-11-27 09:00:00", 3, "ModelArts.4996", true, "name", 100.0,
                "modelarts.task.succeeded", AT, AT, 0, null, null, RunHistory.NONE);
    }

    private static TaskEvent event(String id) {
        return event(id, REF.taskId());
    }

    private static TaskEvent event(String id, String key) {
        return new TaskEvent("topic", key, id, "modelarts.task.succeeded", "/modelarts/p/datasets/ds", key, AT, "{}");
    }
}
