package io.github.modelarts.taskevents.simulator;

import java.util.concurrent.ConcurrentHashMap;

/** The injected faults: per task and for every request. A task's own faults come first. */
final class FaultRegistry {
    private final ConcurrentHashMap<String, FaultQueue> byTask = new ConcurrentHashMap<>();
    private final FaultQueue global = new FaultQueue();

    void inject(String taskKey, Fault fault) {
        byTask.computeIfAbsent(taskKey, key -> new FaultQueue()).add(fault);
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
        return global.next();
    }

    void clear() {
        byTask.clear();
        global.clear();
    }
}
