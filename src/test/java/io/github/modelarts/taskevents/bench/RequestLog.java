package io.github.modelarts.taskevents.bench;

import com.sun.net.httpserver.Headers;
import io.github.modelarts.taskevents.simulator.RequestGate;
import io.github.modelarts.taskevents.simulator.SimulatorResponse;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sees every request before the simulator answers it and times the poll cycles from them, the same way for
 * the route and the baseline. Cycles never overlap and poll a steady task (one that never ends) at most once,
 * so the first request for a steady task already polled in the current cycle starts the next one. (Counting
 * a task's k-th request as cycle k would not do: tasks deferred by the route's cycle budget lag behind.)
 */
final class RequestLog implements RequestGate {
    /** More than any run makes: cycles every 2 s would need 13 minutes to fill it. */
    private static final int MAX_CYCLES = 400;

    /** When a cycle started and ended, on {@link System#nanoTime()}. */
    record Span(long startNanos, long endNanos) {
        long millis() {
            return (endNanos - startNanos) / 1_000_000;
        }
    }

    private final Map<String, Integer> steadyIndex = new HashMap<>();
    private final AtomicIntegerArray lastCycleOfTask;
    private final AtomicInteger currentCycle = new AtomicInteger();
    private final AtomicLongArray firstOfCycle = new AtomicLongArray(MAX_CYCLES);
    private final AtomicLongArray lastOfCycle = new AtomicLongArray(MAX_CYCLES);
    private final AtomicIntegerArray pollsOfCycle = new AtomicIntegerArray(MAX_CYCLES);
    private final LongAdder requests = new LongAdder();

    RequestLog(List<String> steadyTaskIds) {
        steadyTaskIds.forEach(id -> steadyIndex.put(id, steadyIndex.size()));
        lastCycleOfTask = new AtomicIntegerArray(steadyTaskIds.size());
        for (int task = 0; task < steadyTaskIds.size(); task++) {
            lastCycleOfTask.set(task, -1);
        }
        for (int k = 0; k < MAX_CYCLES; k++) {
            firstOfCycle.set(k, Long.MAX_VALUE);
        }
    }

    @Override
    public Optional<SimulatorResponse> check(String method, URI uri, Headers headers, byte[] body) {
        long now = System.nanoTime();
        requests.increment();
        String path = uri.getRawPath();
        Integer task = steadyIndex.get(path.substring(path.lastIndexOf('/') + 1));
        if (task != null) {
            int cycle = currentCycle.get();
            if (lastCycleOfTask.get(task) == cycle) {
                // the polls in flight when a cycle starts all see this; one of them moves the cycle on
                currentCycle.compareAndSet(cycle, cycle + 1);
                cycle = currentCycle.get();
            }
            lastCycleOfTask.set(task, cycle);
            if (cycle < MAX_CYCLES) {
                firstOfCycle.accumulateAndGet(cycle, now, Math::min);
                lastOfCycle.accumulateAndGet(cycle, now, Math::max);
                pollsOfCycle.incrementAndGet(cycle);
            }
        }
        return Optional.empty();
    }

    long requests() {
        return requests.sum();
    }

    /** Cycles over: every one before the current. */
    int completedCycles() {
        return Math.min(currentCycle.get(), MAX_CYCLES);
    }

    /** The first cycle that started at or after {@code nanos}, or -1 when none has yet. */
    int firstCycleSince(long nanos) {
        for (int k = 0; k < MAX_CYCLES && firstOfCycle.get(k) != Long.MAX_VALUE; k++) {
            if (firstOfCycle.get(k) - nanos >= 0) {
                return k;
            }
        }
        return -1;
    }

    /**
     * Whether the last complete cycle began about an interval after the one before it. A scheduler that fell
     * behind (Quartz fires the ticks it missed at once) starts cycles back to back, sooner than that.
     */
    boolean onSchedule(long intervalNanos) {
        int last = completedCycles() - 1;
        return last >= 1 && firstOfCycle.get(last) - firstOfCycle.get(last - 1) >= intervalNanos * 9 / 10;
    }

    Span cycle(int k) {
        return new Span(firstOfCycle.get(k), lastOfCycle.get(k));
    }

    /** Steady tasks polled in cycle k. */
    int polls(int k) {
        return pollsOfCycle.get(k);
    }
}
