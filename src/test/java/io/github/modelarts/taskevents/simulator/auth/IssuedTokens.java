package io.github.modelarts.taskevents.simulator.auth;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The tokens the simulated IAM has handed out, shared with the {@link TokenVerifier} that accepts them. */
public final class IssuedTokens {
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> expiries = new ConcurrentHashMap<>();

    /** A new random token valid until {@code expiresAt}. */
    public String issue(Instant expiresAt) {
        byte[] bytes = new byte[48];
        random.nextBytes(bytes);
        // real IAM tokens are long base64 blobs starting with "MII"; the shape helps spot them in a capture
        String token = "MII" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        expiries.put(token, expiresAt);
        return token;
    }

    /** Registers a ready token, e.g. the one a demo in auth mode {@code token} is configured with. */
    public void accept(String token, Instant expiresAt) {
        expiries.put(token, expiresAt);
    }

    public Optional<Instant> expiryOf(String token) {
        return Optional.ofNullable(expiries.get(token));
    }

    @Override
    public String toString() {
        return "IssuedTokens[" + expiries.size() + " tokens]";
    }
}
