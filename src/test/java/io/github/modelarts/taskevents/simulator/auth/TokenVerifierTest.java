package io.github.modelarts.taskevents.simulator.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.modelarts.taskevents.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenVerifierTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T08:00:00Z"));
    private final IssuedTokens tokens = new IssuedTokens();
    private final TokenVerifier verifier = new TokenVerifier(tokens, clock);

    @Test
    void givenIssuedTokenBeforeExpiry_whenVerified_thenAccepted() {
        String token = tokens.issue(clock.instant().plus(Duration.ofHours(1)));

        assertThat(verifier.verify(token)).isEmpty();
    }

    @Test
    void givenMissingToken_whenVerified_then401ModelArts0201() {
        assertRejected(verifier.verify(null), "ModelArts.0201");
        assertRejected(verifier.verify(" "), "ModelArts.0201");
    }

    @Test
    void givenExpiredToken_whenVerified_then401ModelArts0202() {
        String token = tokens.issue(clock.instant().plus(Duration.ofHours(1)));

        clock.advance(Duration.ofHours(1));

        assertRejected(verifier.verify(token), "ModelArts.0202");
    }

    @Test
    void givenUnknownToken_whenVerified_then401ModelArts0203() {
        tokens.issue(clock.instant().plus(Duration.ofHours(1)));

        assertRejected(verifier.verify("MIIforged"), "ModelArts.0203");
    }

    @Test
    void givenReadyTokenAccepted_whenVerified_thenAccepted() {
        tokens.accept("demo-token", Instant.MAX);

        assertThat(verifier.verify("demo-token")).isEmpty();
    }

    private static void assertRejected(Optional<AuthResponse> answer, String errorCode) {
        assertThat(answer).hasValueSatisfying(response -> {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.headers()).containsEntry("Content-Type", "application/json;charset=UTF-8");
            assertThat(response.body()).startsWith("{\"error_code\":\"" + errorCode + "\",\"error_msg\":\"");
        });
    }
}
