package io.github.modelarts.taskevents.simulator;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A failure the simulator plays instead of (or on top of) its normal answer: another response,
 * extra headers, a delay, a dropped connection or a damaged body. It applies to the next
 * {@link #times(int)} requests, or until cleared when no count is given. Immutable: the
 * {@code with*} methods return a new fault.
 */
public final class Fault {

    /** How the response bytes reach the client. */
    enum Delivery {
        COMPLETE,
        /** The connection is closed before any answer. */
        RESET,
        /** The full length is announced, half the body is sent, then the connection is closed. */
        TRUNCATED,
        /** A complete HTTP response whose body is only the first half of the JSON. */
        MALFORMED
    }

    private final SimulatorResponse replacement;
    private final Map<String, String> headers;
    private final Delivery delivery;
    private final Duration latency;
    private final int times;

    private Fault(SimulatorResponse replacement, Map<String, String> headers, Delivery delivery,
            Duration latency, int times) {
        this.replacement = replacement;
        this.headers = Map.copyOf(headers);
        this.delivery = delivery;
        this.latency = latency;
        this.times = times;
    }

    /** Answers {@code status} with {@code body} as JSON instead of the normal answer. */
    public static Fault status(int status, String body) {
        return new Fault(SimulatorResponse.json(status, body), Map.of(), Delivery.COMPLETE, Duration.ZERO, 0);
    }

    /** Answers {@code status} with a ModelArts error body, e.g. 429 {@code ModelArts.4206}. */
    public static Fault error(int status, String errorCode, String errorMsg) {
        return new Fault(SimulatorResponse.error(status, errorCode, errorMsg), Map.of(), Delivery.COMPLETE,
                Duration.ZERO, 0);
    }

    /** The normal answer, sent {@code delay} late. */
    public static Fault latency(Duration delay) {
        return normal(Delivery.COMPLETE).withLatency(delay);
    }

    public static Fault connectionReset() {
        return normal(Delivery.RESET);
    }

    public static Fault truncatedBody() {
        return normal(Delivery.TRUNCATED);
    }

    public static Fault malformedBody() {
        return normal(Delivery.MALFORMED);
    }

    private static Fault normal(Delivery delivery) {
        return new Fault(null, Map.of(), delivery, Duration.ZERO, 0);
    }

    /** Adds a response header, e.g. {@code Retry-After}. */
    public Fault withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Fault(replacement, more, delivery, latency, times);
    }

    /** Sends the replacement body with another content type, e.g. a gateway's HTML error page. */
    public Fault withContentType(String contentType) {
        if (replacement == null) {
            throw new IllegalStateException("only a fault with its own response has a content type");
        }
        return new Fault(replacement.withContentType(contentType), headers, delivery, latency, times);
    }

    public Fault withLatency(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative: " + delay);
        }
        return new Fault(replacement, headers, delivery, delay, times);
    }

    /** Applies to the next {@code requests} requests only. */
    public Fault times(int requests) {
        if (requests < 1) {
            throw new IllegalArgumentException("a fault applies to at least one request: " + requests);
        }
        return new Fault(replacement, headers, delivery, latency, requests);
    }

    Optional<SimulatorResponse> replacement() {
        return Optional.ofNullable(replacement);
    }

    Map<String, String> headers() {
        return headers;
    }

    Delivery delivery() {
        return delivery;
    }

    Duration latency() {
        return latency;
    }

    /** How many requests it applies to; 0 means until cleared. */
    int times() {
        return times;
    }
}
