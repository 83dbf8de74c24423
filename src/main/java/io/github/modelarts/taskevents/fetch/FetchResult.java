package io.github.modelarts.taskevents.fetch;

import io.github.modelarts.taskevents.task.PollFailure;
import java.time.Instant;

/**
 * What one GET brought back, beside the body: why the answer cannot be used (null when it is a whole JSON 200),
 * how many requests it took (1 + retries) and when it came.
 */
public record FetchResult(PollFailure failure, int attempts, Instant observedAt) {

    /** The exchange variable the fetch routes leave this in. */
    public static final String VARIABLE = "fetched";

    public boolean answered() {
        return failure == null;
    }
}
