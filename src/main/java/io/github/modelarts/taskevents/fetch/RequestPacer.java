package io.github.modelarts.taskevents.fetch;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.hc.core5.http.HttpRequestInterceptor;

/**
 * Keeps the whole client polite: spaces requests to at most N per second, and after a 429 holds every
 * request (not only the throttled task's) until the API's Retry-After has passed.
 */
public final class RequestPacer {
    private final long intervalNanos;
    private long nextSlot = System.nanoTime();
    private volatile long pausedUntil = System.nanoTime();

    public RequestPacer(int maxRequestsPerSecond) {
        this.intervalNanos = maxRequestsPerSecond <= 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / maxRequestsPerSecond;
    }

    /** Blocks until this caller may send a request; returns how long it was held back (zero if not at all). */
    public Duration awaitTurn() throws InterruptedException {
        long start = System.nanoTime();
        long wakeAt = Math.max(reserveSlot(), pausedUntil);
        long wait;
        boolean held = false;
        while ((wait = wakeAt - System.nanoTime()) > 0) {
            held = true;
            LockSupport.parkNanos(wait);
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting to send");
            }
            wakeAt = Math.max(wakeAt, pausedUntil);
        }
        return held ? Duration.ofNanos(System.nanoTime() - start) : Duration.ZERO;
    }

    /** Each request waits for its turn as it is sent, retries included; the listener hears of every wait. */
    HttpRequestInterceptor asInterceptor(RequestListener listener) {
        return (request, entity, context) -> {
            try {
                Duration heldBack = awaitTurn();
                if (!heldBack.isZero()) {
                    listener.heldBack(heldBack);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting to send");
            }
        };
    }

    /** Holds all requests for {@code pause} (a 429's Retry-After, or a backoff when it has none). */
    public void pauseAll(Duration pause) {
        long until = System.nanoTime() + pause.toNanos();
        synchronized (this) {
            if (until - pausedUntil > 0) {
                pausedUntil = until;
            }
        }
    }

    private synchronized long reserveSlot() {
        if (intervalNanos == 0) {
            return System.nanoTime();
        }
        long now = System.nanoTime();
        long slot = Math.max(nextSlot, now);
        nextSlot = slot + intervalNanos;
        return slot;
    }
}
