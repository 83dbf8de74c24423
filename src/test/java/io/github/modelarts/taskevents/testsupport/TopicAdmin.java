package io.github.modelarts.taskevents.testsupport;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;

/**
 * Topics with a configuration of their own (a smaller {@code max.message.bytes}, a {@code min.insync.replicas}
 * Kafka cannot meet), made before a {@link TopicReader} would create them with the broker's defaults.
 */
public final class TopicAdmin {
    private TopicAdmin() {
    }

    /** One partition, one replica, and {@code config}. */
    public static void create(String bootstrapServers, String topic, Map<String, String> config) {
        create(bootstrapServers, new NewTopic(topic, 1, (short) 1).configs(config));
    }

    /** As described, e.g. with the brokers of each replica. */
    public static void create(String bootstrapServers, NewTopic topic) {
        run(bootstrapServers, admin -> admin.createTopics(List.of(topic)).all().get());
    }

    /** The in-sync replicas of the topic's first partition, as the controller has them now. */
    public static int inSyncReplicas(String bootstrapServers, String topic) {
        int[] count = new int[1];
        run(bootstrapServers, admin -> count[0] = admin.describeTopics(List.of(topic)).allTopicNames().get()
                .get(topic).partitions().get(0).isr().size());
        return count[0];
    }

    /** Sets {@code key} of {@code topic}; the broker applies it to the next request. */
    public static void alter(String bootstrapServers, String topic, String key, String value) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Collection<AlterConfigOp> change = List.of(new AlterConfigOp(new ConfigEntry(key, value),
                AlterConfigOp.OpType.SET));
        run(bootstrapServers, admin -> admin.incrementalAlterConfigs(Map.of(resource, change)).all().get());
    }

    private interface AdminCall {
        void run(Admin admin) throws ExecutionException, InterruptedException;
    }

    private static void run(String bootstrapServers, AdminCall call) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            call.run(admin);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused the topic change", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
