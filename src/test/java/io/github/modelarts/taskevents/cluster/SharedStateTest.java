package io.github.modelarts.taskevents.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.modelarts.taskevents.config.Secret;
import io.github.modelarts.taskevents.config.Settings;
import io.github.modelarts.taskevents.state.Database;
import io.github.modelarts.taskevents.state.StateStore;
import io.github.modelarts.taskevents.state.WatchRequestStore;
import io.github.modelarts.taskevents.task.PollFailure;
import io.github.modelarts.taskevents.task.TaskMemory;
import io.github.modelarts.taskevents.task.TaskRef;
import io.github.modelarts.taskevents.watch.RequestedWatches;
import io.github.modelarts.taskevents.watch.WatchJoiner;
import io.github.modelarts.taskevents.watch.WatchList;
import io.github.modelarts.taskevents.watch.WatchRequest;
import io.github.modelarts.taskevents.watch.WatchSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two nodes on one state database: what one applied or recorded, the other takes up before its next cycle. */
class SharedStateTest {
    private static final TaskRef STATIC = new TaskRef("ds", "static");
    private static final TaskRef OTHER = new TaskRef("ds", "other");
    private static final Instant AT = Instant.parse("2026-12-02T10:00:00Z");

    @TempDir
    Path dir;
    private Database database;
    private Node first;
    private Node second;

    /** One node's view: its own watch list over the shared database. */
    private record Node(StateStore store, WatchList watchList, RequestedWatches requested, SharedState shared) {
        static Node on(Database database) {
            StateStore store = new StateStore(database, true);
            WatchList watchList = new WatchList(10, 100);
            watchList.watch(STATIC, WatchSource.STATIC, TaskMemory.NEW);
            RequestedWatches requested = new RequestedWatches(new WatchRequestStore(database), watchList,
                    new WatchJoiner(watchList, store), Duration.ofDays(7), Clock.systemUTC());
            requested.restore();
            return new Node(store, watchList, requested, new SharedState(true, store, watchList, requested));
        }
    }

    @BeforeEach
    void open() {
        database = new Database(new Settings.State(dir, "", "", new Secret(""), Duration.ofDays(7)));
        first = Node.on(database);
        second = Node.on(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void givenAWatchAndAnUnwatchAppliedOnOneNode_whenTheOtherRefreshes_thenItWatchesAndUnwatchesThemToo() {
        second.requested().apply(new WatchRequest(OTHER, WatchRequest.Action.WATCH));
        first.shared().refresh();
        assertThat(first.watchList().isWatched(OTHER)).isTrue();

        second.requested().apply(new WatchRequest(STATIC, WatchRequest.Action.UNWATCH));
        first.shared().refresh();
        assertThat(first.watchList().isWatched(STATIC)).isFalse();
        assertThat(first.requested().isUnwatched(STATIC)).isTrue();

        second.requested().apply(new WatchRequest(STATIC, WatchRequest.Action.WATCH));
        first.shared().refresh();
        assertThat(first.watchList().isWatched(STATIC)).isTrue();
        assertThat(first.requested().isUnwatched(STATIC)).isFalse();
    }

    @Test
    void givenAFailureStreakRecordedOnOneNode_whenTheOtherRefreshes_thenItCountsOnFromItKeepingItsOwnPollTime() {
        first.watchList().remember(STATIC, TaskMemory.NEW.polledAt(AT));
        TaskMemory failing = TaskMemory.NEW.failed("timeout", null, AT).failed("timeout", null, AT.plusSeconds(30));
        second.store().record(STATIC, failing, Optional.empty());

        first.shared().refresh();

        TaskMemory shared = first.watchList().memory(STATIC);
        assertThat(shared.consecutiveFailures()).isEqualTo(2);
        assertThat(shared.lastFailure()).isEqualTo("timeout");
        assertThat(shared.reportedFailure()).isNull();
        assertThat(shared.lastPollAt()).isEqualTo(AT);
        assertThat(new StateStore(database).loadTask(STATIC).consecutiveFailures())
                .as("a single instance starts a new streak").isZero();
    }

    @Test
    void givenATaskAnotherNodeFoundGone_whenRefreshed_thenItLeavesTheWatchList() {
        TaskMemory gone = TaskMemory.NEW.failed(PollFailure.NOT_FOUND, null, AT)
                .failed(PollFailure.NOT_FOUND, PollFailure.NOT_FOUND, AT.plusSeconds(30));
        second.store().record(STATIC, gone, Optional.empty());

        first.shared().refresh();

        assertThat(first.watchList().isWatched(STATIC)).isFalse();
    }
}
