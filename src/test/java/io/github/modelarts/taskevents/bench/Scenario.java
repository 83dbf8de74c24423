package io.github.modelarts.taskevents.bench;

/**
 * One benchmark scenario: how many tasks are watched, how often they are polled, for how many measured
 * cycles, and how many polls run at once (the route's {@code MAX_CONCURRENT_REQUESTS}, the baseline's pool).
 */
record Scenario(int tasks, long intervalMs, int measuredCycles, int concurrency) {
    /** Every tenth task succeeds during the measurement: detection latency from enough samples for a p99. */
    static final int FLIP_EVERY = 10;

    /** The flips are spread over all but the last two intervals, so each can be seen before the run ends. */
    long flipSpreadMs() {
        return (measuredCycles - 2) * intervalMs;
    }

    String name() {
        return tasks + "-tasks";
    }
}
