package io.github.modelarts.taskevents.observe;

import java.time.Duration;

/** Histogram buckets for HTTP latency and cycle duration: from a fast API answer to a cycle near its limit. */
final class Buckets {
    static final Duration[] DURATIONS = {Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60)};

    private Buckets() {
    }
}
