package io.github.modelarts.taskevents.fetch.auth;

import java.time.Duration;
import java.time.Instant;

/**
 * An IAM token with its lifetime, both instants on the local clock: {@code expiresAt} is the time of receipt
 * plus the lifetime IAM granted, so a skewed IAM clock cannot make a valid token look expired.
 */
public record IamToken(String value, Instant obtainedAt, Instant expiresAt) {

    /**
     * When to renew: {@code maxMargin} before expiry, but never earlier than the last tenth of the lifetime,
     * so a short-lived token (a simulator's) is still used for most of its life.
     */
    public Instant renewAt(Duration maxMargin) {
        Duration tenth = Duration.between(obtainedAt, expiresAt).dividedBy(10);
        return expiresAt.minus(tenth.compareTo(maxMargin) < 0 ? tenth : maxMargin);
    }

    @Override
    public String toString() {
        return "IamToken[value=***, obtainedAt=" + obtainedAt + ", expiresAt=" + expiresAt + "]";
    }
}
