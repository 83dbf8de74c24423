package io.github.modelarts.taskevents.simulator.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** Checks a simulated request's {@code X-Auth-Token} as ModelArts does (docs/modelarts-api.md#error-answers). */
public final class TokenVerifier {
    private final IssuedTokens tokens;
    private final Clock clock;

    public TokenVerifier(IssuedTokens tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    /** The 401 to answer, or empty when {@code authToken} (the header value, null if absent) is valid. */
    public Optional<AuthResponse> verify(String authToken) {
        if (authToken == null || authToken.isBlank()) {
            return reject("ModelArts.0201", "The X-Auth-Token header is missing.");
        }
        Optional<Instant> expiry = tokens.expiryOf(authToken.trim());
        if (expiry.isEmpty()) {
            return reject("ModelArts.0203", "The token is invalid.");
        }
        if (!clock.instant().isBefore(expiry.get())) {
            return reject("ModelArts.0202", "The token has expired.");
        }
        return Optional.empty();
    }

    private static Optional<AuthResponse> reject(String errorCode, String errorMsg) {
        return Optional.of(AuthResponse.error(401, errorCode, errorMsg));
    }
}
