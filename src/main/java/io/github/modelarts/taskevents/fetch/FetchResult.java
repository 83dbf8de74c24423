package io.github.modelarts.taskevents.fetch;

import io.github.modelarts.taskevents.task.TaskRef;
import java.time.Instant;

/** What one poll of one task brought back: an HTTP answer, or no answer at all. */
public sealed interface FetchResult {
    TaskRef ref();

    /** HTTP requests this poll made (1 + retries). */
    int attempts();

    Instant observedAt();

    /** The API answered; {@code truncated} when the body was longer than the configured cap. */
    record Answered(TaskRef ref, int httpStatus, String contentType, byte[] body, boolean truncated,
                    int attempts, Instant observedAt) implements FetchResult {

        /** A whole body that says it is JSON: the only kind worth parsing. */
        public boolean isWholeJson() {
            return !truncated && contentType.toLowerCase(java.util.Locale.ROOT).contains("json");
        }

        /** Timeouts, throttling and server errors: worth another try, and reported only when they persist. */
        public boolean isTransientFailure() {
            return httpStatus == 408 || httpStatus == 429 || httpStatus >= 500;
        }
    }

    /**
     * No answer: {@code reason} is {@code timeout} or {@code connection-error} (transient), or
     * {@code unauthorized} when no credentials could be obtained to send the request with.
     */
    record Unreachable(TaskRef ref, String reason, String detail, boolean isTransient, int attempts,
                       Instant observedAt) implements FetchResult {
    }
}
