package io.github.modelarts.taskevents;

import io.github.modelarts.taskevents.config.Settings;
import io.github.modelarts.taskevents.config.SettingsSource;
import io.github.modelarts.taskevents.publish.OutboxPublisher;
import io.github.modelarts.taskevents.publish.PublishListener;
import io.github.modelarts.taskevents.state.OutboxRecord;
import java.time.Clock;
import java.util.Map;

/**
 * The application as {@link App} runs it, except that the JVM halts (kill -9's effect: no shutdown hook, nothing
 * flushed) the moment Kafka acknowledges the first event, before the publisher marks it in the outbox: the crash
 * point that a kill from outside can only hit by chance.
 */
public final class HaltAfterFirstAcknowledgement {
    /** The exit status of a JVM killed by SIGKILL, which this halt stands for. */
    public static final int HALTED = 137;

    private HaltAfterFirstAcknowledgement() {
    }

    public static void main(String[] args) throws Exception {
        SettingsSource source = SettingsSource.load(System.getenv(), Map.of());
        try (Application application = new Application(Settings.from(source), source, Clock.systemUTC(),
                HaltAfterFirstAcknowledgement::haltOnFirstAcknowledgement)) {
            application.run();
        }
    }

    /** See {@link OutboxPublisher#acknowledged}: the listener hears of the acknowledgement before the mark. */
    private static PublishListener haltOnFirstAcknowledgement(PublishListener metrics) {
        return new PublishListener() {
            @Override
            public void published(OutboxRecord record) {
                metrics.published(record);
                System.out.println("halting after Kafka acknowledged " + record.ceId());
                System.out.flush();
                Runtime.getRuntime().halt(HALTED);
            }

            @Override
            public void refusedForNow(OutboxRecord record, String cause) {
                metrics.refusedForNow(record, cause);
            }

            @Override
            public void parked(OutboxRecord record, String reason, String cause) {
                metrics.parked(record, reason, cause);
            }
        };
    }
}
