package io.github.modelarts.taskevents.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.modelarts.taskevents.fetch.FetchResult;
import io.github.modelarts.taskevents.task.PollFailure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** A cluster node's readiness: the cycles it no longer runs do not count, and its role is in the details. */
class StandbyReadinessTest {

    /** A node role of a test: clustered, named node-1, running the cycles or not. */
    private record Role(boolean runsCycles) implements NodeRole {
        @Override
        public boolean clustered() {
            return true;
        }

        @Override
        public String nodeId() {
            return "node-1";
        }

        @Override
        public boolean publishes() {
            return runsCycles;
        }
    }

    @Test
    void givenThreeFailedCycles_whenTheNodeNoLongerRunsTheCycles_thenItIsReady() {
        PollMonitor polls = new PollMonitor(new SimpleMeterRegistry(), Clock.systemUTC());
        for (int cycle = 0; cycle < 3; cycle++) {
            polls.started();
            polls.toPoll(List.of("t1"));
            polls.observed(new FetchResult(new PollFailure("timeout", null, null, null, null, true), 3,
                    Instant.now()));
            polls.finished();
        }

        assertThat(call(new ApiReadiness(polls, 3, new Role(true))).getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(call(new ApiReadiness(polls, 3, new Role(false))).getState()).isEqualTo(HealthCheck.State.UP);
    }

    @Test
    void givenAStandbyNode_whenItsClusterCheckIsCalled_thenItIsUpAndTellsItsRole() {
        HealthCheck.Result result = call(new ClusterReadiness(new Role(false)));

        assertThat(result.getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(result.getDetails()).containsEntry("node_id", "node-1").containsEntry("runs_cycles", false)
                .containsEntry("publishes", false);
    }

    private static HealthCheck.Result call(ReadinessCheck check) {
        check.setCamelContext(new DefaultCamelContext());
        return check.call(Map.of());
    }
}
