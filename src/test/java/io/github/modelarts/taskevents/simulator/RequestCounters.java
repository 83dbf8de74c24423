package io.github.modelarts.taskevents.simulator;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts requests in total, per kind and per task; LongAdders keep concurrent counting cheap. */
final class RequestCounters {
    private final LongAdder total = new LongAdder();
    private final Map<RequestKind, LongAdder> byKind = new EnumMap<>(RequestKind.class);
    private final ConcurrentHashMap<String, LongAdder> byTask = new ConcurrentHashMap<>();

    RequestCounters() {
        // filled once here and only read afterwards, so the EnumMap is safe to share
        for (RequestKind kind : RequestKind.values()) {
            byKind.put(kind, new LongAdder());
        }
    }

    void record(RequestPath path) {
        total.increment();
        byKind.get(path.kind()).increment();
        if (path.kind() == RequestKind.TASK) {
            byTask.computeIfAbsent(path.taskKey(), key -> new LongAdder()).increment();
        }
    }

    long total() {
        return total.sum();
    }

    long of(RequestKind kind) {
        return byKind.get(kind).sum();
    }

    long ofTask(String taskKey) {
        LongAdder count = byTask.get(taskKey);
        return count == null ? 0 : count.sum();
    }

    /** Starts from zero; requests in flight meanwhile may or may not be counted. */
    void reset() {
        total.reset();
        byKind.values().forEach(LongAdder::reset);
        byTask.clear();
    }
}
