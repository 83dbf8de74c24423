package io.github.modelarts.taskevents.observe;

import io.github.modelarts.taskevents.config.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.apache.camel.Header;

/**
 * Who may read {@code /observe/tasks}, which names every watched dataset and task: anyone when no
 * MANAGEMENT_TOKEN is set, otherwise only a request with {@code Authorization: Bearer <token>}.
 */
public final class TasksAccess {
    private static final String BEARER = "Bearer ";

    /** The token's SHA-256, or null when the view is open; the token itself is not kept. */
    private final byte[] expectedDigest;

    TasksAccess(Secret token) {
        this.expectedDigest = token.isBlank() ? null : sha256(token.reveal());
    }

    /** Used by routes/observe.camel.yaml. */
    public boolean refuses(@Header("Authorization") String authorization) {
        if (expectedDigest == null) {
            return false;
        }
        // the scheme is case-insensitive (RFC 9110); the token is compared whole
        String given = authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? authorization.substring(BEARER.length()).trim() : "";
        // digests of equal length, compared in constant time: the answer's timing tells nothing of the token
        return !MessageDigest.isEqual(expectedDigest, sha256(given));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
