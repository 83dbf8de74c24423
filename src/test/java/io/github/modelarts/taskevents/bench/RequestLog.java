package io.github.modelarts.taskevents.bench;

import com.sun.net.httpserver.Headers;
import io.github.modelarts.taskevents.simulator.RequestGate;
import io.github.modelarts.taskevents.simulator.SimulatorResponse;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sees every request before the simulator answers it and times the poll cycles from them, the same way for
 * the route and the baseline: a steady task (one that never ends) is polled once per cycle, so its k-th
 * request belongs to cycle k, and cycle k spans from the first to the last of those k-th requests.
 */
final class RequestLog implements RequestGate {
    /** More than any run makes: 1,000 tasks every 2 s would need 13 minutes to fill it. */
    private static final int MAX_CYCLES = 400;

    /** When a cycle started and ended, on {@link System#nanoTime()}. */
    record Span(long startNanos, long endNanos) {
        long millis() {
            return (endNanos - startNanos) / 1_000_000;
        }
    }

    private final Map<String, Integer> steadyIndex = new HashMap<>();
    private final AtomicIntegerArray pollsOfTask;
    private final AtomicLongArray firstOfCycle = new AtomicLongArray(MAX_CYCLES);
    private final AtomicLongArray lastOfCycle = new AtomicLongArray(MAX_CYCLES);
    private final AtomicIntegerArray tasksOfCycle = new AtomicIntegerArray(MAX_CYCLES);
    private final LongAdder requests = new LongAdder();

    RequestLog(List<String> steadyTaskIds) {
        steadyTaskIds.forEach(id -> steadyIndex.put(id, steadyIndex.size()));
        pollsOfTask = new AtomicIntegerArray(steadyTaskIds.size());
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
            int cycle = pollsOfTask.getAndIncrement(task);
            if (cycle < MAX_CYCLES) {
                firstOfCycle.accumulateAndGet(cycle, now, Math::min);
                lastOfCycle.accumulateAndGet(cycle, now, Math::max);
                tasksOfCycle.incrementAndGet(cycle);
            }
        }
        return Optional.empty();
    }

    long requests() {
        return requests.sum();
    }

    /** Cycles in which every steady task has been polled. */
    int completedCycles() {
        int k = 0;
        while (k < MAX_CYCLES && tasksOfCycle.get(k) == steadyIndex.size()) {
            k++;
        }
        return k;
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

    Span cycle(int k) {
        return new Span(firstOfCycle.get(k), lastOfCycle.get(k));
    }

    int steadyTasks() {
        return steadyIndex.size();
    }
}
