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
    /** Camel's Kafka option (its property key here) → the Kafka client property it sets. */
    private static final Map<String, String> CAMEL_TO_CLIENT = camelToClient();

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
        Map<String, String> client = new LinkedHashMap<>();
        CAMEL_TO_CLIENT.forEach((camelKey, clientKey) -> {
            String value = source.get(camelKey).isEmpty() ? env.getOrDefault(SettingsSource.envName(camelKey), "")
                    : source.get(camelKey);
            if (!value.isBlank()) {
                client.put(clientKey, value.trim());
            }
        });
        client.put("max.request.size", String.valueOf(maxRequestSize));
        return new ReplaySettings(servers, Map.copyOf(client), state);
    }

    /** Names the client properties only: SASL's JAAS configuration and the store passwords are secrets. */
    @Override
    public String toString() {
        return "ReplaySettings[kafkaBootstrapServers=" + kafkaBootstrapServers + ", kafkaClient=" + kafkaClient.keySet()
                + ", state=" + state + "]";
    }

    private static Map<String, String> camelToClient() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("camel.component.kafka.max-block-ms", "max.block.ms");
        map.put("camel.component.kafka.delivery-timeout-ms", "delivery.timeout.ms");
        map.put("camel.component.kafka.request-timeout-ms", "request.timeout.ms");
        map.put("camel.component.kafka.security-protocol", "security.protocol");
        map.put("camel.component.kafka.sasl-mechanism", "sasl.mechanism");
        map.put("camel.component.kafka.sasl-jaas-config", "sasl.jaas.config");
        map.put("camel.component.kafka.sasl-kerberos-service-name", "sasl.kerberos.service.name");
        map.put("camel.component.kafka.ssl-protocol", "ssl.protocol");
        map.put("camel.component.kafka.ssl-enabled-protocols", "ssl.enabled.protocols");
        map.put("camel.component.kafka.ssl-endpoint-algorithm", "ssl.endpoint.identification.algorithm");
        map.put("camel.component.kafka.ssl-truststore-location", "ssl.truststore.location");
        map.put("camel.component.kafka.ssl-truststore-password", "ssl.truststore.password");
        map.put("camel.component.kafka.ssl-truststore-type", "ssl.truststore.type");
        map.put("camel.component.kafka.ssl-keystore-location", "ssl.keystore.location");
        map.put("camel.component.kafka.ssl-keystore-password", "ssl.keystore.password");
        map.put("camel.component.kafka.ssl-keystore-type", "ssl.keystore.type");
        map.put("camel.component.kafka.ssl-key-password", "ssl.key.password");
        return Map.copyOf(map);
    }
}
