package io.github.modelarts.taskevents.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.modelarts.taskevents.task.TaskMemory;
import io.github.modelarts.taskevents.task.TaskRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class WatchListTest {
    private static final Instant AT = Instant.parse("2026-11-27T10:00:00Z");
    private static final TaskRef FORBIDDEN = new TaskRef("ds", "forbidden");
    private static final TaskRef ENDED = new TaskRef("ds", "ended");
    private static final TaskRef RUNNING = new TaskRef("ds", "running");

    @Test
    void givenTerminalRechecksOff_whenATaskIsForbidden_thenItIsStillAskedAgainEveryTenCycles() {
        List<List<TaskRef>> due = dueInCycles(watchListOf(0), 30);

        assertThat(cyclesWith(due, FORBIDDEN)).containsExactly(10, 20, 30);
        assertThat(cyclesWith(due, ENDED)).isEmpty();
        assertThat(cyclesWith(due, RUNNING)).hasSize(30);
    }

    @Test
    void givenTerminalRechecksEveryThreeCycles_whenPolled_thenForbiddenAndEndedTasksAreAskedAtThatRate() {
        List<List<TaskRef>> due = dueInCycles(watchListOf(3), 9);

        assertThat(cyclesWith(due, FORBIDDEN)).containsExactly(3, 6, 9);
        assertThat(cyclesWith(due, ENDED)).containsExactly(3, 6, 9);
        assertThat(cyclesWith(due, RUNNING)).hasSize(9);
    }

    private static WatchList watchListOf(int terminalRecheckCycles) {
        WatchList watchList = new WatchList(terminalRecheckCycles, 10);
        watchList.watch(FORBIDDEN, WatchSource.STATIC, TaskMemory.NEW.failed("forbidden", "forbidden", AT));
        watchList.watch(ENDED, WatchSource.STATIC, TaskMemory.NEW.seen(3, "ModelArts.4996", true, "ended", 100.0, AT));
        watchList.watch(RUNNING, WatchSource.STATIC, TaskMemory.NEW.seen(1, "ModelArts.4902", false, "running", 5.0,
                AT));
        return watchList;
    }

    /** The due tasks of each cycle, the first cycle first. */
    private static List<List<TaskRef>> dueInCycles(WatchList watchList, int cycles) {
        List<List<TaskRef>> due = new ArrayList<>();
        for (int cycle = 1; cycle <= cycles; cycle++) {
            due.add(watchList.dueTasks());
        }
        return due;
    }

    /** The numbers of the cycles, counted from 1, in which {@code ref} was due. */
    private static List<Integer> cyclesWith(List<List<TaskRef>> due, TaskRef ref) {
        return IntStream.range(0, due.size()).filter(i -> due.get(i).contains(ref)).mapToObj(i -> i + 1).toList();
    }
}
