package io.github.modelarts.taskevents.observe;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * Not ready after {@code READY_API_FAILURE_CYCLES} cycles in a row in which the API answered no poll (each failed,
 * or the budget left it no time), or, in a cycle with no task to poll, no list call. A cluster node that does not
 * run the cycles now is ready whatever its last ones did: it does not poll.
 */
final class ApiReadiness extends ReadinessCheck {
    private final PollMonitor polls;
    private final int failureCycles;
    private final NodeRole role;

    ApiReadiness(PollMonitor polls, int failureCycles, NodeRole role) {
        super("modelarts-api");
        this.polls = polls;
        this.failureCycles = failureCycles;
        this.role = role;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        int failed = polls.failedCycles();
        builder.detail("failed_cycles", failed);
        if (failed >= failureCycles && role.runsCycles()) {
            builder.down().message("The ModelArts API answered none of the polls of the last " + failed
                    + " cycles, or of their list calls where they had no task to poll: each failed or found no time"
                    + " in the cycle budget (READY_API_FAILURE_CYCLES is " + failureCycles + ")");
        } else {
            builder.up();
        }
    }
}
