package io.github.modelarts.taskevents.task;

/**
 * Why a poll failed, in the terms of an error event: {@code reason} (http-error, not-found, unauthorized,
 * forbidden, throttled, malformed-response, timeout, connection-error), the HTTP status and the API's own
 * error code and message when it sent them, and a cut-down raw body for answers that could not be read.
 */
public record PollFailure(String reason, Integer httpStatus, String errorCode, String errorMsg, String body,
                          boolean isTransient) {

    public static PollFailure malformed(Integer httpStatus, String body) {
        return new PollFailure("malformed-response", httpStatus, null, null, body, false);
    }
}
