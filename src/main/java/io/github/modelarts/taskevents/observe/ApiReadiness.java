package io.github.modelarts.taskevents.observe;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;

/** Not ready after {@code READY_API_FAILURE_CYCLES} cycles in a row in which every poll of the API failed. */
final class ApiReadiness extends ReadinessCheck {
    private final PollMonitor polls;
    private final int failureCycles;

    ApiReadiness(PollMonitor polls, int failureCycles) {
        super("modelarts-api");
        this.polls = polls;
        this.failureCycles = failureCycles;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        int failed = polls.failedCycles();
        builder.detail("failed_cycles", failed);
        if (failed >= failureCycles) {
            builder.down().message("Every poll of the ModelArts API failed in the last " + failed
                    + " cycles (READY_API_FAILURE_CYCLES is " + failureCycles + ")");
        } else {
            builder.up();
        }
    }
}
