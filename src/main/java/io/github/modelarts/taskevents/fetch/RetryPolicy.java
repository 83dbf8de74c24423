package io.github.modelarts.taskevents.fetch;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;

/** Which answers are worth another try, and how long to wait first: exponential backoff with full jitter. */
final class RetryPolicy {
    private static final Duration BASE = Duration.ofMillis(200);
    private static final Duration CAP = Duration.ofSeconds(5);
    private static final Duration DEFAULT_THROTTLE_PAUSE = Duration.ofSeconds(1);
    private static final Duration MAX_THROTTLE_PAUSE = Duration.ofMinutes(5);

    private final int retries;

    RetryPolicy(int retries) {
        this.retries = retries;
    }

    boolean mayRetry(int attemptsSoFar) {
        return attemptsSoFar <= retries;
    }

    Duration backoff(int attemptsSoFar) {
        long ceiling = Math.min(CAP.toMillis(), BASE.toMillis() << Math.min(attemptsSoFar - 1, 10));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
    }

    /** The pause a 429 asks for: its Retry-After in seconds, bounded, or a default when absent. */
    static Duration throttlePause(OptionalLong retryAfterSeconds) {
        if (retryAfterSeconds.isEmpty() || retryAfterSeconds.getAsLong() < 0) {
            return DEFAULT_THROTTLE_PAUSE;
        }
        Duration asked = Duration.ofSeconds(retryAfterSeconds.getAsLong());
        return asked.compareTo(MAX_THROTTLE_PAUSE) > 0 ? MAX_THROTTLE_PAUSE : asked;
    }
}
