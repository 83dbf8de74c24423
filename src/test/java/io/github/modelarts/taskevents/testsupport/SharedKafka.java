package io.github.modelarts.taskevents.testsupport;

import io.github.modelarts.taskevents.demo.EmbeddedKafka;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.utils.Exit;

/**
 * One real KRaft broker for the whole test JVM; tests stay independent by using their own topics. It is
 * not closed: the test JVM ends with it, and a broker shutdown in a hook only delays that end.
 */
public final class SharedKafka {
    private static EmbeddedKafka broker;

    private SharedKafka() {
    }

    public static synchronized String bootstrapServers() {
        if (broker == null) {
            ignoreHaltsAtExit();
            broker = EmbeddedKafka.start();
        }
        return broker.bootstrapServers();
    }

    /**
     * At exit the test kit's own hook deletes the broker's directories while it still runs: a checkpoint
     * written after that fails, and the broker halts the JVM with status 1, which fails the build although
     * every test passed (Surefire: "Error occurred in starting fork"). Only then is its halt ignored.
     */
    private static void ignoreHaltsAtExit() {
        AtomicBoolean exiting = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> exiting.set(true), "shared-kafka-exiting"));
        Exit.setHaltProcedure((status, message) -> {
            if (!exiting.get()) {
                Runtime.getRuntime().halt(status);
            }
        });
    }
}
