package io.github.modelarts.taskevents.observe;

import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * A readiness check of this project, never a liveness check: what it watches (Kafka, the ModelArts API)
 * does not come back by restarting the process, and the outbox keeps every event meanwhile.
 */
abstract class ReadinessCheck extends AbstractHealthCheck {

    ReadinessCheck(String id) {
        super("modelarts-task-events", id);
    }

    @Override
    public final boolean isLiveness() {
        return false;
    }
}
