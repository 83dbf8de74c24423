package io.github.modelarts.taskevents.demo;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/** A real single-node KRaft broker in this JVM, for the demo and the tests: no Docker, no separate install. */
public final class EmbeddedKafka implements AutoCloseable {
    private final KafkaClusterTestKit cluster;

    private EmbeddedKafka(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    public static EmbeddedKafka start() {
        return start(1);
    }

    /**
     * With {@code brokers} brokers, numbered from 0; the controller runs in broker 0. More than one is for tests
     * that take a topic's second replica away ({@link #stopBroker}).
     */
    public static EmbeddedKafka start(int brokers) {
        try {
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(brokers)
                    .setNumControllerNodes(1)
                    .build())
                    // consumers join at once instead of after the default 3 s
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .build();
            formatQuietly(cluster);
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new EmbeddedKafka(cluster);
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the embedded Kafka broker", e);
        }
    }

    /** Formatting prints its metadata to standard output, which the demo keeps for events. */
    private static void formatQuietly(KafkaClusterTestKit cluster) throws Exception {
        PrintStream console = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            cluster.format();
        } finally {
            System.setOut(console);
        }
    }

    /** Creates the topics up front, so consumers started before the first event see them at once. */
    public void createTopics(List<String> topics) throws Exception {
        try (Admin admin = cluster.admin()) {
            admin.createTopics(topics.stream().map(topic -> new NewTopic(topic, 1, (short) 1)).toList()).all().get();
        }
    }

    /** Shuts broker {@code id} down for good; the controller takes it out of the in-sync replicas of its topics. */
    public void stopBroker(int id) {
        cluster.brokers().get(id).shutdown();
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
