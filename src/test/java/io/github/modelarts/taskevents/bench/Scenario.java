package io.github.modelarts.taskevents.bench;

import java.util.Locale;

/**
 * One benchmark scenario: how many tasks are watched and how the route finds them, how often they are polled,
 * for how many measured cycles, and how many polls run at once (the route's {@code MAX_CONCURRENT_REQUESTS}, the
 * baseline's pool).
 */
record Scenario(Source source, int tasks, long intervalMs, int measuredCycles, int concurrency) {
    /** Every tenth task succeeds during the measurement: detection latency from enough samples for a p99. */
    static final int FLIP_EVERY = 10;

    /** How the route learns the tasks; the baseline always GETs a fixed list of task URLs. */
    enum Source {
        /** {@code MODELARTS_TASKS}, in 10 datasets; every task is GET-polled. */
        STATIC(10),
        /** {@code MODELARTS_DATASETS}, 20 datasets listed every cycle; listed tasks need no GET. */
        DISCOVERY(20);

        private final int datasets;

        Source(int datasets) {
            this.datasets = datasets;
        }

        int datasets() {
            return datasets;
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The flips are spread over all but the last two intervals, so each can be seen before the run ends. */
    long flipSpreadMs() {
        return (measuredCycles - 2) * intervalMs;
    }

    String name() {
        return tasks + "-tasks-" + source.label();
    }
}
