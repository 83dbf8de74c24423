package io.github.modelarts.taskevents.fetch.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IamTokenTest {
    private static final Instant OBTAINED = Instant.parse("2026-11-27T08:00:00Z");

    @Test
    void given24HourToken_whenAskedWhenToRenew_thenOneHourBeforeExpiry() {
        IamToken token = new IamToken("t", OBTAINED, OBTAINED.plus(Duration.ofHours(24)));

        assertThat(token.renewAt(Duration.ofHours(1))).isEqualTo(OBTAINED.plus(Duration.ofHours(23)));
    }

    @Test
    void givenShortLivedToken_whenAskedWhenToRenew_thenInItsLastTenth() {
        IamToken token = new IamToken("t", OBTAINED, OBTAINED.plus(Duration.ofMinutes(10)));

        assertThat(token.renewAt(Duration.ofHours(1))).isEqualTo(OBTAINED.plus(Duration.ofMinutes(9)));
    }
}
