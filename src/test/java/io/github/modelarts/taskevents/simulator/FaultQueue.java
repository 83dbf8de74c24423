package io.github.modelarts.taskevents.simulator;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Faults waiting for requests, applied in the order they were injected: a count-limited fault
 * gives way to the next one once used up, so a test can script "two 503s, then a reset".
 */
final class FaultQueue {
    private final ConcurrentLinkedQueue<Armed> queue = new ConcurrentLinkedQueue<>();

    void add(Fault fault) {
        queue.add(new Armed(fault));
    }

    /** The fault for the current request, or null; each call uses up one application. */
    Fault next() {
        for (Armed head = queue.peek(); head != null; head = queue.peek()) {
            if (head.take()) {
                return head.fault;
            }
            queue.remove(head);
        }
        return null;
    }

    void clear() {
        queue.clear();
    }

    /** One injection of a fault, with the applications it has left. */
    private static final class Armed {
        private final Fault fault;
        private final AtomicInteger left;

        Armed(Fault fault) {
            this.fault = fault;
            this.left = new AtomicInteger(fault.times());
        }

        boolean take() {
            return fault.times() == 0 || left.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        }
    }
}
