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
    /**
     * The exchange variable that holds the failure's reason alone ({@code not-found}, {@code timeout}, ...), null
     * for a usable answer: the routes branch on a plain value, as simple's OGNL costs a bean invocation per poll.
     */
    public static final String REASON_VARIABLE = "failure";

    public boolean answered() {
        return failure == null;
    }
}
