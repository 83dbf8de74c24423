package io.github.modelarts.taskevents.fetch;

import io.github.modelarts.taskevents.fetch.auth.TokenListener;
import java.time.Duration;
import java.util.OptionalInt;

/** What the client tells the metrics about each HTTP request; kept out of the client's own logic. */
public interface RequestListener extends TokenListener {

    /** One request ended: the HTTP status, or empty when no answer came (timeout, connection error). */
    void requestDone(OptionalInt httpStatus, Duration latency);

    /** The pacer held a request back (rate limit or a 429's Retry-After) for {@code wait}. */
    void heldBack(Duration wait);

    /** For clients nobody measures. */
    RequestListener NONE = new RequestListener() {
        @Override
        public void requestDone(OptionalInt httpStatus, Duration latency) {
        }

        @Override
        public void heldBack(Duration wait) {
        }

        @Override
        public void tokenRequested(boolean obtained) {
        }
    };
}
