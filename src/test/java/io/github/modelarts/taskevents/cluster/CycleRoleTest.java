package io.github.modelarts.taskevents.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.modelarts.taskevents.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CycleRoleTest {
    private static final String EVERY_30_S = "0/30 * * * * ?";
    private static final Duration CHECKIN = Duration.ofMillis(7500);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00.200Z"));

    @Test
    void givenASingleInstance_whenAsked_thenItAlwaysRunsTheCyclesAndPublishes() {
        CycleRole role = new CycleRole(false, "solo", EVERY_30_S, CHECKIN, clock);

        assertThat(role.runsCycles()).isTrue();
        assertThat(role.granted()).isTrue();
        assertThat(role.clustered()).isFalse();
    }

    @Test
    void givenANodeThatRanNoCycle_whenAsked_thenItStandsBy() {
        CycleRole role = new CycleRole(true, "node-1", EVERY_30_S, CHECKIN, clock);

        assertThat(role.runsCycles()).isFalse();
        assertThat(role.publishes()).isFalse();
    }

    @Test
    void givenACycleRanHere_whenTheNextTickAndACheckinIntervalPass_thenItStandsBy() {
        CycleRole role = new CycleRole(true, "node-1", EVERY_30_S, CHECKIN, clock);
        role.started();
        clock.advance(Duration.ofSeconds(2));
        role.ended();

        // the next tick is at 10:00:30, so another node has it from 10:00:37.5 at the latest
        clock.advance(Duration.ofMillis(37_300 - 2_000 - 1));
        assertThat(role.runsCycles()).isTrue();
        assertThat(role.granted()).isTrue();
        clock.advance(Duration.ofMillis(2));
        assertThat(role.runsCycles()).isFalse();
        assertThat(role.granted()).isFalse();
    }

    @Test
    void givenACycleLongerThanTheInterval_whileItRuns_thenTheNodeRunsTheCycles() {
        CycleRole role = new CycleRole(true, "node-1", EVERY_30_S, CHECKIN, clock);
        role.started();

        clock.advance(Duration.ofMinutes(5));
        assertThat(role.runsCycles()).isTrue();
        role.ended();
        assertThat(role.runsCycles()).isFalse();
    }
}
