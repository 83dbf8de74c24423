package io.github.modelarts.taskevents.task;

import java.nio.charset.StandardCharsets;

/**
 * Why a poll failed, in the terms of an error event: {@code reason} (http-error, not-found, unauthorized,
 * forbidden, throttled, malformed-response, timeout, connection-error), the HTTP status and the API's own
 * error code and message when it sent them, and a cut-down raw body for answers that could not be read.
 */
public record PollFailure(String reason, Integer httpStatus, String errorCode, String errorMsg, String body,
                          boolean isTransient) {
    /** The reason of an answer by which ModelArts says the task or its dataset does not exist. */
    public static final String NOT_FOUND = "not-found";
    private static final int BODY_EXCERPT_CHARS = 1024;

    public static PollFailure malformed(Integer httpStatus, String body) {
        return new PollFailure("malformed-response", httpStatus, null, null, body, false);
    }

    /**
     * The start of a body that could not be used, for an error event (also for malformed watch requests), with
     * whatever looks like a credential hidden.
     */
    public static String excerpt(byte[] body) {
        return excerpt(new String(body, StandardCharsets.UTF_8));
    }

    /** The start of a text of any length, for an error event, which must stay small; credentials hidden. */
    public static String excerpt(String text) {
        return Redaction.redact(text.length() <= BODY_EXCERPT_CHARS ? text
                : text.substring(0, BODY_EXCERPT_CHARS) + "…");
    }
}
