package io.github.modelarts.taskevents.fetch;

import io.github.modelarts.taskevents.fetch.auth.IamAuthenticationException;
import io.github.modelarts.taskevents.fetch.auth.RequestAuthenticator;
import io.github.modelarts.taskevents.task.TaskRef;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GETs from the ModelArts API with authentication, pacing, retries of transient failures and a
 * bounded body. Never throws for a network or HTTP problem: those are results to report.
 */
public final class ModelArtsClient {
    private static final Logger LOG = LoggerFactory.getLogger(ModelArtsClient.class);
    private static final byte[] NO_BODY = new byte[0];
    /** Time a body may take after the read timeout, before a stalled one is given up as a timeout. */
    private static final Duration BODY_GRACE = Duration.ofMillis(500);

    private final HttpClient http;
    private final RequestAuthenticator authenticator;
    private final RequestPacer pacer;
    private final RetryPolicy retryPolicy;
    private final Duration readTimeout;
    private final int maxResponseBytes;
    private final Clock clock;
    private final RequestListener listener;

    public ModelArtsClient(HttpClient http, RequestAuthenticator authenticator, RequestPacer pacer, int retries,
                           Duration readTimeout, int maxResponseBytes, Clock clock, RequestListener listener) {
        this.http = http;
        this.authenticator = authenticator;
        this.pacer = pacer;
        this.retryPolicy = new RetryPolicy(retries);
        this.readTimeout = readTimeout;
        this.maxResponseBytes = maxResponseBytes;
        this.clock = clock;
        this.listener = listener;
    }

    public FetchResult get(TaskRef ref, URI uri) {
        int attempts = 0;
        boolean renewedCredentials = false;
        while (true) {
            attempts++;
            FetchResult result = attempt(ref, uri, attempts);
            if (result instanceof FetchResult.Answered answer && answer.httpStatus() == 401 && !renewedCredentials
                    && authenticator.renewAfterUnauthorized()) {
                renewedCredentials = true;
                continue;
            }
            if (!isRetryable(result) || !retryPolicy.mayRetry(attempts)) {
                return result;
            }
            if (!pauseBeforeRetry(result, attempts)) {
                return result;
            }
        }
    }

    private FetchResult attempt(TaskRef ref, URI uri, int attempts) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().timeout(readTimeout)
                .header("Accept", "application/json");
        try {
            Duration heldBack = pacer.awaitTurn();
            if (!heldBack.isZero()) {
                listener.heldBack(heldBack);
            }
            authenticator.authenticate(request, "GET", uri, NO_BODY);
            HttpResponse<CappedBodySubscriber.Body> response = send(request.build());
            if (response.statusCode() == 429) {
                pacer.pauseAll(RetryPolicy.throttlePause(retryAfter(response)));
            }
            CappedBodySubscriber.Body body = response.body();
            return new FetchResult.Answered(ref, response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), body.bytes(), body.truncated(),
                    attempts, clock.instant());
        } catch (IOException e) {
            if (e instanceof HttpTimeoutException || e.getCause() instanceof TimeoutException) {
                return unreachable(ref, "timeout", "no answer within " + readTimeout.toMillis() + " ms", true,
                        attempts);
            }
            return unreachable(ref, "connection-error", e.getClass().getSimpleName(), true, attempts);
        } catch (IamAuthenticationException e) {
            // no token to send: the API was not asked, and retrying at once would only hammer IAM
            return unreachable(ref, "unauthorized", e.getMessage(), false, attempts);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unreachable(ref, "connection-error", "interrupted", true, attempts);
        }
    }

    /** Sends one request and waits for its whole answer, telling the listener how long the API took. */
    private HttpResponse<CappedBodySubscriber.Body> send(HttpRequest request) throws IOException, InterruptedException {
        long sentAt = System.nanoTime();
        OptionalInt status = OptionalInt.empty();
        try {
            // send, not sendAsync: sendAsync hands every response to the common pool, which on two cores is a
            // new thread per response. The request timeout only covers the headers; the body has the rest.
            long deadline = sentAt + readTimeout.toNanos() + BODY_GRACE.toNanos();
            HttpResponse<CappedBodySubscriber.Body> response = http.send(request,
                    info -> new CappedBodySubscriber(maxResponseBytes, deadline - System.nanoTime()));
            status = OptionalInt.of(response.statusCode());
            return response;
        } finally {
            listener.requestDone(status, Duration.ofNanos(System.nanoTime() - sentAt));
        }
    }

    private FetchResult unreachable(TaskRef ref, String reason, String detail, boolean isTransient, int attempts) {
        return new FetchResult.Unreachable(ref, reason, detail, isTransient, attempts, clock.instant());
    }

    private static boolean isRetryable(FetchResult result) {
        return result instanceof FetchResult.Unreachable unreachable && unreachable.isTransient()
                || result instanceof FetchResult.Answered answer && answer.isTransientFailure();
    }

    /** Waits before the next attempt; false when interrupted (shutting down), so the caller stops retrying. */
    private boolean pauseBeforeRetry(FetchResult result, int attempts) {
        boolean throttled = result instanceof FetchResult.Answered answer && answer.httpStatus() == 429;
        Duration pause = throttled ? Duration.ZERO : retryPolicy.backoff(attempts);
        LOG.debug("Retrying {} after {} ms (attempt {} failed)", result.ref(), pause.toMillis(), attempts);
        try {
            Thread.sleep(pause.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static OptionalLong retryAfter(HttpResponse<?> response) {
        try {
            return response.headers().firstValue("Retry-After").map(String::trim)
                    .map(v -> OptionalLong.of(Long.parseLong(v))).orElse(OptionalLong.empty());
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
