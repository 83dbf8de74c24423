package io.github.modelarts.taskevents.testsupport;

import io.github.modelarts.taskevents.demo.EmbeddedKafka;

/** One real KRaft broker for the whole test JVM; tests stay independent by using their own topics. */
public final class SharedKafka {
    private static EmbeddedKafka broker;

    private SharedKafka() {
    }

    public static synchronized String bootstrapServers() {
        if (broker == null) {
            broker = EmbeddedKafka.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    broker.close();
                } catch (Exception e) {
                    // the JVM is exiting anyway
                }
            }));
        }
        return broker.bootstrapServers();
    }
}
