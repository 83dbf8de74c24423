package io.github.modelarts.taskevents.fetch;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.modelarts.taskevents.config.Settings;
import io.github.modelarts.taskevents.fetch.auth.IamAuthenticationException;
import io.github.modelarts.taskevents.fetch.auth.RequestAuthenticator;
import io.github.modelarts.taskevents.task.PollFailure;
import io.github.modelarts.taskevents.task.Redaction;
import io.github.modelarts.taskevents.task.model.TaskJson;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.hc.client5.http.ConnectTimeoutException;

/**
 * Ends each fetch route: turns the HTTP exchange into a {@link FetchResult} (the variable {@code fetched}) and
 * leaves the body as bytes for {@code unmarshal}. Also the error handler's judge of which failures a retry
 * may cure (routes/fetch-modelarts.camel.yaml).
 */
public final class FetchResults {
    /** ModelArts answers a missing dataset or task with 400 or 404 and one of these (docs/modelarts-api.md). */
    private static final Set<String> NOT_FOUND_CODES = Set.of("ModelArts.4338", "ModelArts.4352",
            "ModelArts.4612", "ModelArts.4631", "ModelArts.4636", "ModelArts.4700", "ModelArts.4801");
    private static final byte[] NO_BODY = new byte[0];
    private static final String RETRIES = "retries";

    private final int maxResponseBytes;
    private final long readTimeoutMs;
    private final RequestAuthenticator authenticator;
    private final Clock clock;

    public FetchResults(Settings.Http limits, RequestAuthenticator authenticator, Clock clock) {
        this.maxResponseBytes = limits.maxResponseBytes();
        this.readTimeoutMs = limits.readTimeout().toMillis();
        this.authenticator = authenticator;
        this.clock = clock;
    }

    /** After a 2xx answer: usable when it is a 200 whose whole body is JSON, else a failure with the body cut. */
    public void answered(Exchange exchange) {
        Message message = exchange.getMessage();
        byte[] body = bytes(message.getBody(byte[].class));
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 200, Integer.class);
        String contentType = message.getHeader(Exchange.CONTENT_TYPE, "", String.class);
        boolean whole = body.length <= maxResponseBytes;
        PollFailure failure = null;
        if (status != 200) {
            failure = httpFailure(status, body);
        } else if (!whole || !contentType.toLowerCase(Locale.ROOT).contains("json")) {
            failure = PollFailure.malformed(200, PollFailure.excerpt(body));
        }
        message.setBody(body);
        leave(exchange, new FetchResult(failure, attempts(exchange), clock.instant()));
    }

    /** A 200 whose JSON does not fit the model: {@code unmarshal} failed on it. */
    public void unreadable(Exchange exchange) {
        FetchResult fetched = exchange.getVariable(FetchResult.VARIABLE, FetchResult.class);
        byte[] body = bytes(exchange.getMessage().getBody(byte[].class));
        leave(exchange, new FetchResult(PollFailure.malformed(200, PollFailure.excerpt(body)), fetched.attempts(),
                fetched.observedAt()));
    }

    /** The error handler's last word on a request that failed: the error answer, or why none came. */
    public void failed(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        PollFailure failure;
        if (cause instanceof HttpOperationFailedException http) {
            String body = http.getResponseBody();
            failure = httpFailure(http.getStatusCode(), body == null ? NO_BODY : body.getBytes(StandardCharsets.UTF_8));
        } else if (cause instanceof IamAuthenticationException iam) {
            // no token to send: the API was not asked, and asking IAM again at once would only hammer it. IAM
            // refusing the credentials is final; IAM away is an outage like the API's, reported once it persists
            failure = new PollFailure("unauthorized", null, null, iam.getMessage(), null, !iam.credentialsRejected());
        } else if (isTimeout(cause)) {
            failure = new PollFailure("timeout", null, null, "no answer within " + readTimeoutMs + " ms", null, true);
        } else {
            failure = new PollFailure("connection-error", null, null, cause.getClass().getSimpleName(), null, true);
        }
        exchange.getMessage().setBody(NO_BODY);
        leave(exchange, new FetchResult(failure, attempts(exchange), clock.instant()));
    }

    /**
     * A 429 is waited for and tried again within the poll only when its Retry-After is short; a longer pause
     * still holds every request (the pacer), but this poll ends as throttled instead of waiting on every retry.
     */
    public boolean worthWaitingFor(Exchange exchange) {
        HttpOperationFailedException throttled = exchange.getProperty(Exchange.EXCEPTION_CAUGHT,
                HttpOperationFailedException.class);
        if (throttled == null || throttled.getStatusCode() != 429) {
            return false;
        }
        String retryAfter = throttled.getResponseHeaders().entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase("Retry-After")).map(Map.Entry::getValue)
                .findFirst().orElse(null);
        return RequestObserver.throttlePause(RequestObserver.retryAfter(retryAfter)).toMillis() <= readTimeoutMs;
    }

    /** A 401 deserves one more try when fresh credentials could be had (an IAM token renewed). */
    public boolean renewedAfterUnauthorized(Exchange exchange) {
        return authenticator.renewAfterUnauthorized();
    }

    private static PollFailure httpFailure(int status, byte[] body) {
        JsonNode error = errorBody(body);
        String code = text(error, "error_code", "code");
        String message = Redaction.redact(text(error, "error_msg", "message"));
        // only ModelArts' own codes say the task is gone: a 404 without one is the gateway's (APIG.0101: no such
        // API published), which a deployment mends, so it is retried and reported like a server error
        boolean gone = (status == 400 || status == 404) && NOT_FOUND_CODES.contains(code);
        String reason = switch (status) {
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 429 -> "throttled";
            default -> gone ? PollFailure.NOT_FOUND : "http-error";
        };
        boolean isTransient = status == 408 || status == 429 || status >= 500 || status == 404 && !gone;
        return new PollFailure(reason, status, code, message, error == null ? PollFailure.excerpt(body) : null,
                isTransient);
    }

    private static JsonNode errorBody(byte[] body) {
        try {
            JsonNode node = TaskJson.MAPPER.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field, String fallback) {
        if (node == null) {
            return null;
        }
        JsonNode value = node.hasNonNull(field) ? node.get(field) : node.get(fallback);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static boolean isTimeout(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException || t instanceof ConnectTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static void leave(Exchange exchange, FetchResult fetched) {
        exchange.setVariable(FetchResult.VARIABLE, fetched);
        exchange.setVariable(FetchResult.REASON_VARIABLE, fetched.answered() ? null : fetched.failure().reason());
    }

    private static int attempts(Exchange exchange) {
        return 1 + exchange.getVariable(RETRIES, 0, Integer.class);
    }

    /**
     * The error handler's {@code onRedeliveryRef}: counts each retry, as Camel clears its own redelivery headers
     * before the failure is handled.
     */
    public static final class CountRetry implements Processor {
        @Override
        public void process(Exchange exchange) {
            exchange.setVariable(RETRIES, exchange.getVariable(RETRIES, 0, Integer.class) + 1);
        }
    }

    private static byte[] bytes(byte[] body) {
        return body == null ? NO_BODY : body;
    }
}
