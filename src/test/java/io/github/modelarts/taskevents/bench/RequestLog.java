package io.github.modelarts.taskevents.bench;

import com.sun.net.httpserver.Headers;
import io.github.modelarts.taskevents.simulator.RequestGate;
import io.github.modelarts.taskevents.simulator.SimulatorResponse;
import io.github.modelarts.taskevents.simulator.TaskType;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sees every request before the simulator answers it and times the poll cycles from them, the same way for
 * the route and the baseline. A request that reads steady tasks (ones that never end) is a task GET, or a list
 * page when the route discovers its tasks; each is made at most once a cycle, so the first request repeated
 * within the current cycle starts the next one. (Counting a task's k-th request as cycle k would not do: tasks
 * deferred by the route's cycle budget lag behind.) A cycle's polls are the steady tasks its requests read.
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

    private final Map<String, Integer> unitIndex = new HashMap<>();
    private final int[] readsOfUnit;
    private final AtomicIntegerArray lastCycleOfUnit;
    private final AtomicInteger currentCycle = new AtomicInteger();
    private final AtomicLongArray firstOfCycle = new AtomicLongArray(MAX_CYCLES);
    private final AtomicLongArray lastOfCycle = new AtomicLongArray(MAX_CYCLES);
    private final AtomicIntegerArray pollsOfCycle = new AtomicIntegerArray(MAX_CYCLES);
    private final LongAdder requests = new LongAdder();
    private final LongAdder listRequests = new LongAdder();
    private final LongAdder reads = new LongAdder();
    private final AtomicLong firstRequestNanos = new AtomicLong(Long.MAX_VALUE);

    /** @param readsByUnit the steady tasks each request that counts reads, by {@link #taskKey} or {@link #pageKey} */
    RequestLog(Map<String, Integer> readsByUnit) {
        readsOfUnit = new int[readsByUnit.size()];
        readsByUnit.forEach((key, count) -> {
            readsOfUnit[unitIndex.size()] = count;
            unitIndex.put(key, unitIndex.size());
        });
        lastCycleOfUnit = new AtomicIntegerArray(readsOfUnit.length);
        for (int unit = 0; unit < readsOfUnit.length; unit++) {
            lastCycleOfUnit.set(unit, -1);
        }
        for (int k = 0; k < MAX_CYCLES; k++) {
            firstOfCycle.set(k, Long.MAX_VALUE);
        }
    }

    @Override
    public Optional<SimulatorResponse> check(String method, URI uri, Headers headers, byte[] body) {
        long now = System.nanoTime();
        requests.increment();
        firstRequestNanos.accumulateAndGet(now, Math::min);
        String path = uri.getRawPath();
        boolean list = path.endsWith("/tasks");
        if (list) {
            listRequests.increment();
        }
        Integer unit = unitIndex.get(list ? pageKey(uri) : taskKey(path.substring(path.lastIndexOf('/') + 1)));
        if (unit != null) {
            reads.add(readsOfUnit[unit]);
            int cycle = currentCycle.get();
            if (lastCycleOfUnit.get(unit) == cycle) {
                // the polls in flight when a cycle starts all see this; one of them moves the cycle on
                currentCycle.compareAndSet(cycle, cycle + 1);
                cycle = currentCycle.get();
            }
            lastCycleOfUnit.set(unit, cycle);
            if (cycle < MAX_CYCLES) {
                firstOfCycle.accumulateAndGet(cycle, now, Math::min);
                lastOfCycle.accumulateAndGet(cycle, now, Math::max);
                pollsOfCycle.addAndGet(cycle, readsOfUnit[unit]);
            }
        }
        return Optional.empty();
    }

    static String taskKey(String taskId) {
        return "task " + taskId;
    }

    static String pageKey(String datasetId, TaskType type, int page) {
        return "list " + datasetId + " " + type.apiName() + " " + page;
    }

    /** The key of a list request, {@code /v2/{project}/datasets/{dataset}/tasks?...type=...&offset=...}. */
    private static String pageKey(URI uri) {
        String path = uri.getRawPath();
        String dataset = path.substring(0, path.lastIndexOf('/'));
        dataset = dataset.substring(dataset.lastIndexOf('/') + 1);
        String type = "";
        String offset = "0";
        for (String pair : String.valueOf(uri.getRawQuery()).split("&")) {
            if (pair.startsWith("type=")) {
                type = pair.substring("type=".length());
            } else if (pair.startsWith("offset=")) {
                offset = pair.substring("offset=".length());
            }
        }
        return "list " + dataset + " " + type + " " + offset;
    }

    long requests() {
        return requests.sum();
    }

    long listRequests() {
        return listRequests.sum();
    }

    /** Steady tasks read so far, by GET or listed. */
    long reads() {
        return reads.sum();
    }

    /** When the first request of any kind came, on {@link System#nanoTime()}. */
    long firstRequestNanos() {
        return firstRequestNanos.get();
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

    /** Steady tasks read in cycle k. */
    int polls(int k) {
        return pollsOfCycle.get(k);
    }
}
