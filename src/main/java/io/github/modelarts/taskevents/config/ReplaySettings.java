package io.github.modelarts.taskevents.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code replay} needs of the service's settings: its Kafka and its state database, read and checked as the
 * service reads them. Apart from {@link Settings}, so that a replay needs no ModelArts endpoint or credentials.
 *
 * @param kafkaBootstrapServers {@code KAFKA_BOOTSTRAP_SERVERS}
 * @param kafkaClient           the service's producer settings as Kafka client properties: timeouts, record size,
 *                              and the connection's security ({@code CAMEL_COMPONENT_KAFKA_SECURITY_PROTOCOL}, ...)
 * @param state                 the state database and its retention
 */
public record ReplaySettings(String kafkaBootstrapServers, Map<String, String> kafkaClient, Settings.State state) {
    /** {@code env} holds the security options, which only Camel reads and so have no default in the properties. */
    public static ReplaySettings from(SettingsSource source, Map<String, String> env) {
        SettingsReader read = new SettingsReader(source);
        String servers = Settings.kafkaBootstrapServers(read);
        Settings.kafkaProducer(read);
        int maxRequestSize = read.integer("camel.component.kafka.max-request-size", 64 * 1024, 64 * 1024 * 1024);
        Settings.State state = Settings.state(read);
        if (!read.problems().isEmpty()) {
            throw new InvalidSettingsException(read.problems());
        }
        Map<String, String> client = new LinkedHashMap<>(KafkaClient.properties(source, env));
        client.put("max.request.size", String.valueOf(maxRequestSize));
        return new ReplaySettings(servers, Map.copyOf(client), state);
    }

    /** Names the client properties only: SASL's JAAS configuration and the store passwords are secrets. */
    @Override
    public String toString() {
        return "ReplaySettings[kafkaBootstrapServers=" + kafkaBootstrapServers + ", kafkaClient=" + kafkaClient.keySet()
                + ", state=" + state + "]";
    }
}
