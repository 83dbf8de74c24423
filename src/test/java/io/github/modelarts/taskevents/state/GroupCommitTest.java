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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import io.github.modelarts.taskevents.state.GroupCommit.Outcome;
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
    private final AtomicInteger wakes = new AtomicInteger();

    @BeforeEach
    void open() {
        database = new Database(new Settings.State(dir, "", "", new Secret(""), Duration.ofDays(7)));
        store = new StateStore(database);
        commits = new GroupCommit(store, wakes::incrementAndGet);
    }

    @AfterEach
    void close() {
        commits.close();
        database.close();
    }

    @Test
    void givenEightThreadsRecordingAtOnce_whenEachIsTold_thenItsStateAndEventAreDurable_inTheirOrder()
            throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<CompletableFuture<Boolean>> told = new ArrayList<>();
        try {
            for (int i = 0; i < 400; i++) {
                TaskRef ref = new TaskRef("ds", "t" + i);
                CompletableFuture<Boolean> stored = new CompletableFuture<>();
                told.add(stored);
                threads.submit(() -> commits.record(ref, memory(), Optional.of(event(ref)), new Outcome() {
                    @Override
                    public void durable() {
                        // when told, another store on the same database sees it
                        stored.complete(new StateStore(database).loadTask(ref).status() != null);
                    }

                    @Override
                    public void refused(StateStoreException refusal) {
                        stored.completeExceptionally(refusal);
                    }
                }));
            }
        } finally {
            threads.shutdown();
            threads.awaitTermination(10, TimeUnit.SECONDS);
        }
        commits.flush();
        assertThat(told).allSatisfy(each -> assertThat(each).isCompletedWithValue(true));
        List<OutboxRecord> outbox = store.pending(1000, Set.of());
        assertThat(outbox).hasSize(400);
        assertThat(outbox).extracting(OutboxRecord::seq).isSorted();
        assertThat(wakes.get()).as("the publisher woken once per transaction, not per record").isBetween(1, 399);
    }

    @Test
    void givenOneWriteTheDatabaseRefuses_whenRecordedBesideOthers_thenOnlyItsOutcomeHearsIt() {
        TaskRef refused = new TaskRef("ds", "x".repeat(200));
        List<String> heard = new ArrayList<>();
        commits.record(refused, memory(), Optional.of(event(refused)), outcome(heard, refused));
        for (int i = 0; i < 20; i++) {
            TaskRef ref = new TaskRef("ds", "ok" + i);
            commits.record(ref, memory(), Optional.of(event(ref)), outcome(heard, ref));
        }
        commits.flush();

        assertThat(heard).hasSize(21).filteredOn(line -> line.startsWith("refused")).singleElement().asString()
                .isEqualTo("refused " + refused + " permanent=true");
        assertThat(store.pending(100, Set.of())).hasSize(20).noneMatch(r -> r.key().equals(refused.taskId()));
    }

    /** Notes what the writer told, from its one thread. */
    private static Outcome outcome(List<String> heard, TaskRef ref) {
        return new Outcome() {
            @Override
            public void durable() {
                heard.add("durable " + ref);
            }

            @Override
            public void refused(StateStoreException refusal) {
                heard.add("refused " + ref + " permanent=" + refusal.isPermanent());
            }
        };
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
