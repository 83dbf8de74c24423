package io.github.modelarts.taskevents.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.modelarts.taskevents.config.Secret;
import io.github.modelarts.taskevents.config.Settings;
import io.github.modelarts.taskevents.event.TaskEvent;
import io.github.modelarts.taskevents.task.RunHistory;
import io.github.modelarts.taskevents.task.TaskMemory;
import io.github.modelarts.taskevents.task.TaskRef;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCommitTest {
    private static final Instant AT = Instant.parse("2026-11-27T10:00:00Z");

    @TempDir
    Path dir;
    private Database database;
    private StateStore store;
    private GroupCommit commits;

    @BeforeEach
    void open() {
        database = new Database(new Settings.State(dir, "", "", new Secret(""), Duration.ofDays(7)));
        store = new StateStore(database);
        commits = new GroupCommit(store);
    }

    @AfterEach
    void close() {
        commits.close();
        database.close();
    }

    @Test
    void givenEightThreadsRecordingAtOnce_whenEachReturns_thenItsStateAndEventAreDurable_inTheirOrder()
            throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                TaskRef ref = new TaskRef("ds", "t" + i);
                done.add(threads.submit(() -> {
                    commits.record(ref, memory(), Optional.of(event(ref)));
                    // on return, a new store on the same database sees it
                    assertThat(new StateStore(database).loadTask(ref)).usingRecursiveComparison()
                            .ignoringFields("lastPollAt").isEqualTo(memory());
                }));
            }
            for (Future<?> each : done) {
                each.get();
            }
        } finally {
            threads.shutdownNow();
        }
        List<OutboxRecord> outbox = store.pending(1000, Set.of());
        assertThat(outbox).hasSize(400);
        assertThat(outbox).extracting(OutboxRecord::seq).isSorted();
    }

    @Test
    void givenOneWriteTheDatabaseRefuses_whenRecordedBesideOthers_thenOnlyItsCallerFails() throws Exception {
        TaskRef refused = new TaskRef("ds", "x".repeat(200));
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> fine = new ArrayList<>();
            Future<?> failing = threads.submit(() -> commits.record(refused, memory(), Optional.of(event(refused))));
            for (int i = 0; i < 20; i++) {
                TaskRef ref = new TaskRef("ds", "ok" + i);
                fine.add(threads.submit(() -> commits.record(ref, memory(), Optional.of(event(ref)))));
            }
            for (Future<?> each : fine) {
                each.get();
            }
            assertThatThrownBy(failing::get).cause().isInstanceOfSatisfying(StateStoreException.class,
                    e -> assertThat(e.isPermanent()).isTrue());
        } finally {
            threads.shutdownNow();
        }
        assertThat(store.pending(100, Set.of())).hasSize(20).noneMatch(r -> r.key().equals(refused.taskId()));
    }

    private static TaskMemory memory() {
        return new TaskMemory("2026-11-27 09:00:00", 3, "ModelArts.4996", true, "name", 100.0,
                "modelarts.task.succeeded", AT, AT, 0, null, null, RunHistory.NONE);
    }

    private static TaskEvent event(TaskRef ref) {
        return new TaskEvent("topic", ref.taskId(), "id-" + ref.taskId(), "modelarts.task.succeeded",
                "/modelarts/p/datasets/ds", ref.taskId(), AT, "{}");
    }
}
