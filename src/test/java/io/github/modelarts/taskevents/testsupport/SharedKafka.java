package io.github.modelarts.taskevents.testsupport;

import io.github.modelarts.taskevents.demo.EmbeddedKafka;

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
            broker = EmbeddedKafka.start();
        }
        return broker.bootstrapServers();
    }
}
