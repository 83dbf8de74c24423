package io.github.modelarts.taskevents.observe;

import io.github.modelarts.taskevents.fetch.RequestListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/** HTTP latency by status class, and the time the request pacer held requests back. */
final class RequestMetrics implements RequestListener {
    private final MeterRegistry registry;
    private final Timer heldBack;
    /** By status class: registering a timer per request cost more than the request's other metrics together. */
    private final Map<String, Timer> requests = new ConcurrentHashMap<>();

    RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.heldBack = Timer.builder("modelarts.task.events.throttle.wait")
                .description("Requests held back by the rate limit or a 429's Retry-After, and for how long")
                .register(registry);
    }

    @Override
    public void requestDone(OptionalInt httpStatus, Duration latency) {
        // the class, not the status: few series; "none" when no answer came (timeout, connection error)
        String statusClass = httpStatus.isPresent() ? httpStatus.getAsInt() / 100 + "xx" : "none";
        requests.computeIfAbsent(statusClass, status -> Timer.builder("modelarts.task.events.http.request")
                .description("ModelArts API requests (each retry counts), by HTTP status class")
                .tag("status", status).serviceLevelObjectives(Buckets.DURATIONS)
                .register(registry)).record(latency);
    }

    @Override
    public void heldBack(Duration wait) {
        heldBack.record(wait);
    }

    @Override
    public void tokenRequested(boolean obtained) {
        registry.counter("modelarts.task.events.token.requests", "outcome", obtained ? "obtained" : "failed")
                .increment();
    }
}
