package io.github.modelarts.taskevents.simulator;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The injected faults: per task, per kind of request and for every request. A task's own faults come first,
 * then those of its kind.
 */
final class FaultRegistry {
    private final ConcurrentHashMap<String, FaultQueue> byTask = new ConcurrentHashMap<>();
    private final Map<RequestKind, FaultQueue> byKind = new EnumMap<>(RequestKind.class);
    private final FaultQueue global = new FaultQueue();

    FaultRegistry() {
        for (RequestKind kind : RequestKind.values()) {
            byKind.put(kind, new FaultQueue());
        }
    }

    void inject(String taskKey, Fault fault) {
        byTask.computeIfAbsent(taskKey, key -> new FaultQueue()).add(fault);
    }

    void injectFor(RequestKind kind, Fault fault) {
        byKind.get(kind).add(fault);
    }

    void injectGlobal(Fault fault) {
        global.add(fault);
    }

    /** The fault to play for this request, or null; uses up one application of it. */
    Fault next(RequestPath path) {
        if (path.kind() == RequestKind.TASK) {
            FaultQueue own = byTask.get(path.taskKey());
            Fault fault = own == null ? null : own.next();
            if (fault != null) {
                return fault;
            }
        }
        Fault ofKind = byKind.get(path.kind()).next();
        return ofKind != null ? ofKind : global.next();
    }

    void clear() {
        byTask.clear();
        byKind.values().forEach(FaultQueue::clear);
        global.clear();
    }
}
