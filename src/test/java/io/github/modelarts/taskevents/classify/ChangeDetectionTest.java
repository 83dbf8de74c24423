package io.github.modelarts.taskevents.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.modelarts.taskevents.task.PollFailure;
import io.github.modelarts.taskevents.task.TaskMemory;
import io.github.modelarts.taskevents.task.TaskRef;
import io.github.modelarts.taskevents.task.model.TaskDetail;
import io.github.modelarts.taskevents.task.model.TaskJson;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What an answer or a failure changes in a task's memory, on which the poll route's filters decide. */
class ChangeDetectionTest {
    private static final TaskRef REF = new TaskRef("ds1", "task1");
    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private static final PollFailure NOT_FOUND = new PollFailure("not-found", 400, "ModelArts.4612", "gone", null,
            false);
    private final FailureStreaks streaks = new FailureStreaks(3, ref -> TaskMemory.NEW);

    @Test
    void givenSucceededTask_whenFirstSeen_thenItsStatusChangedAndItIsTerminal() {
        StatusChange change = seen(3, "ModelArts.4996", "t0", TaskMemory.NEW);

        assertThat(change.statusChanged()).isTrue();
        assertThat(change.after().terminal()).isTrue();
    }

    @Test
    void givenTerminalTask_whenSeenAgainInTheSameRun_thenNothingChanged() {
        StatusChange first = seen(2, "ModelArts.4909", "t0", TaskMemory.NEW);

        StatusChange second = seen(2, "ModelArts.4909", "t0", first.after());

        assertThat(second.statusChanged()).isFalse();
        assertThat(second.changed()).isFalse();
    }

    @Test
    void givenTerminalTask_whenANewRunEndsTheSameWay_thenItsStatusChanged() {
        StatusChange firstRun = seen(3, "ModelArts.4996", "t0", TaskMemory.NEW);

        StatusChange secondRun = seen(3, "ModelArts.4996", "t1", firstRun.after());

        assertThat(secondRun.statusChanged()).isTrue();
        assertThat(secondRun.after().run()).isEqualTo("t1");
    }

    @Test
    void givenRunningTask_whenOnlyTheCodeChanges_thenChangedButNotItsStatus() {
        StatusChange first = seen(1, "ModelArts.4902", "t0", TaskMemory.NEW);
        StatusChange same = seen(1, "ModelArts.4902", "t0", first.after());
        StatusChange next = seen(1, "ModelArts.4904", "t0", same.after());

        assertThat(first.changed()).isTrue();
        assertThat(same.changed()).isFalse();
        assertThat(next.changed()).isTrue();
        assertThat(next.statusChanged()).isFalse();
    }

    @Test
    void givenARunningTaskUnchanged_whenStallAfterPasses_thenOneStallPerStall_andAnotherAfterAChange() {
        Duration stallAfter = Duration.ofHours(2);
        TaskMemory memory = TaskMemory.NEW;
        int stalls = 0;
        for (int minutes = 0; minutes <= 360; minutes += 30) {
            String code = minutes == 180 ? "ModelArts.4916" : minutes > 180 ? "ModelArts.4916" : "ModelArts.4902";
            TaskDetail task = TaskJson.MAPPER.convertValue(Map.of("status", 1, "code", code, "create_time", "t0"),
                    TaskDetail.class);
            StatusChange change = StatusChanges.compare(REF, task, NOW.plusSeconds(60L * minutes), memory, stallAfter);
            assertThat(change.stalled()).as("minute " + minutes).isEqualTo(minutes == 120 || minutes == 300);
            stalls += change.stalled() ? 1 : 0;
            memory = change.after();
        }

        assertThat(stalls).isEqualTo(2);
    }

    @Test
    void givenStallAfterZero_whenARunningTaskNeverChanges_thenNeverStalled() {
        TaskDetail task = TaskJson.MAPPER.convertValue(Map.of("status", 1, "code", "ModelArts.4902", "create_time",
                "t0"), TaskDetail.class);
        StatusChange first = StatusChanges.compare(REF, task, NOW, TaskMemory.NEW, Duration.ZERO);

        StatusChange later = StatusChanges.compare(REF, task, NOW.plus(Duration.ofDays(30)), first.after(),
                Duration.ZERO);

        assertThat(later.stalled()).isFalse();
    }

    @Test
    void givenUnknownStatus_whenSeen_thenChangedAndNeverTerminal() {
        StatusChange change = seen(9, "ModelArts.4902", "t0", TaskMemory.NEW);

        assertThat(change.changed()).isTrue();
        assertThat(change.after().terminal()).isFalse();
    }

    @Test
    void givenTransientFailures_whenTheThresholdIsReached_thenReportedOncePerStreak() {
        TaskMemory memory = TaskMemory.NEW;
        int reports = 0;
        for (int poll = 1; poll <= 5; poll++) {
            FailureStreak streak = streaks.compare(REF, new PollFailure("timeout", null, null, null, null, true), NOW,
                    memory);
            reports += streak.reported() ? 1 : 0;
            assertThat(streak.reported()).isEqualTo(poll == 3);
            assertThat(streak.consecutiveFailures()).isEqualTo(poll);
            memory = streak.after();
        }
        StatusChange recovered = seen(1, "ModelArts.4902", "t0", memory);

        assertThat(reports).isEqualTo(1);
        assertThat(recovered.after().consecutiveFailures()).isZero();
    }

    @Test
    void givenAFailureThatIsNotTransient_whenFirstSeen_thenReportedAtOnceAndOncePerStreak() {
        PollFailure forbidden = new PollFailure("forbidden", 403, "ModelArts.0203", "no permission", null, false);

        FailureStreak streak = streaks.compare(REF, forbidden, NOW, TaskMemory.NEW);
        FailureStreak again = streaks.compare(REF, forbidden, NOW, streak.after());

        assertThat(streak.reported()).isTrue();
        assertThat(again.reported()).isFalse();
    }

    @Test
    void givenNotFound_whenASecondPollInARowSaysSo_thenReportedAndGone() {
        FailureStreak first = streaks.compare(REF, NOT_FOUND, NOW, TaskMemory.NEW);
        FailureStreak second = streaks.compare(REF, NOT_FOUND, NOW, first.after());
        FailureStreak third = streaks.compare(REF, NOT_FOUND, NOW, second.after());

        assertThat(first.reported()).isFalse();
        assertThat(first.taskGone()).isFalse();
        assertThat(second.reported()).isTrue();
        assertThat(second.taskGone()).isTrue();
        assertThat(third.reported()).isFalse();
    }

    @Test
    void givenNotFound_whenTheTaskAnsweredInBetween_thenNotConfirmed() {
        FailureStreak first = streaks.compare(REF, NOT_FOUND, NOW, TaskMemory.NEW);
        StatusChange answered = seen(1, "ModelArts.4902", "t0", first.after());

        FailureStreak again = streaks.compare(REF, NOT_FOUND, NOW, answered.after());

        assertThat(again.reported()).isFalse();
        assertThat(again.taskGone()).isFalse();
    }

    private static StatusChange seen(int status, String code, String createTime, TaskMemory before) {
        TaskDetail task = TaskJson.MAPPER.convertValue(Map.of("status", status, "code", code, "create_time",
                createTime, "task_id", REF.taskId()), TaskDetail.class);
        return StatusChanges.compare(REF, task, NOW, before, Duration.ZERO);
    }
}
