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
 * flushed) the moment Kafka commits the first transaction, before the publisher marks its rows in the outbox: the
 * crash point that a kill from outside can only hit by chance.
 */
public final class HaltAfterFirstCommit {
    /** The exit status of a JVM killed by SIGKILL, which this halt stands for. */
    public static final int HALTED = 137;

    private HaltAfterFirstCommit() {
    }

    public static void main(String[] args) throws Exception {
        SettingsSource source = SettingsSource.load(System.getenv(), Map.of());
        try (Application application = new Application(Settings.from(source), source, Clock.systemUTC(),
                HaltAfterFirstCommit::haltOnFirstCommit)) {
            application.run();
        }
    }

    /** See {@link OutboxPublisher#settle}: the listener hears of the commit before the mark. */
    private static PublishListener haltOnFirstCommit(PublishListener metrics) {
        return new PublishListener() {
            @Override
            public void published(OutboxRecord record) {
                metrics.published(record);
                System.out.println("halting after Kafka committed " + record.ceId());
                System.out.flush();
                Runtime.getRuntime().halt(HALTED);
            }

            @Override
            public void refusedForNow(OutboxRecord record, String cause) {
                metrics.refusedForNow(record, cause);
            }

            @Override
            public void transactionsFailing(String cause) {
                metrics.transactionsFailing(cause);
            }

            @Override
            public void standingBy() {
                metrics.standingBy();
            }

            @Override
            public void parked(OutboxRecord record, String reason, String cause) {
                metrics.parked(record, reason, cause);
            }
        };
    }
}
