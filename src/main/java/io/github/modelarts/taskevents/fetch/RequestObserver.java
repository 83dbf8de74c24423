package io.github.modelarts.taskevents.fetch;

import java.io.IOException;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;

/**
 * Sees each request go out and its answer come back: tells the listener the status and latency (or that no
 * answer came), and after a 429 holds every request of the client for the API's Retry-After.
 */
final class RequestObserver implements ExecChainHandler {
    private static final Duration DEFAULT_THROTTLE_PAUSE = Duration.ofSeconds(1);
    private static final Duration MAX_THROTTLE_PAUSE = Duration.ofMinutes(5);

    private final RequestPacer pacer;
    private final RequestListener listener;

    RequestObserver(RequestPacer pacer, RequestListener listener) {
        this.pacer = pacer;
        this.listener = listener;
    }

    @Override
    public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        long sentAt = System.nanoTime();
        OptionalInt status = OptionalInt.empty();
        try {
            ClassicHttpResponse response = chain.proceed(request, scope);
            status = OptionalInt.of(response.getCode());
            if (response.getCode() == 429) {
                Header retryAfter = response.getFirstHeader("Retry-After");
                pacer.pauseAll(throttlePause(retryAfter(retryAfter == null ? null : retryAfter.getValue())));
            }
            return response;
        } finally {
            listener.requestDone(status, Duration.ofNanos(System.nanoTime() - sentAt));
        }
    }

    /** The pause a 429 asks for: its Retry-After in seconds, bounded, or a default when absent. */
    static Duration throttlePause(OptionalLong retryAfterSeconds) {
        if (retryAfterSeconds.isEmpty() || retryAfterSeconds.getAsLong() < 0) {
            return DEFAULT_THROTTLE_PAUSE;
        }
        Duration asked = Duration.ofSeconds(retryAfterSeconds.getAsLong());
        return asked.compareTo(MAX_THROTTLE_PAUSE) > 0 ? MAX_THROTTLE_PAUSE : asked;
    }

    /** Retry-After in seconds; an HTTP date or anything else counts as absent. */
    static OptionalLong retryAfter(String value) {
        try {
            return value == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
