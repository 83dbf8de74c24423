package io.github.modelarts.taskevents.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Kafka client properties of the service's own producers (the outbox publisher, replay), taken from the
 * {@code camel.component.kafka.*} options an operator sets for Camel: timeouts and security, so one set of variables
 * configures every connection to Kafka.
 */
public final class KafkaClient {
    /** Camel's Kafka option (its property key here) → the Kafka client property it sets. */
    private static final Map<String, String> CAMEL_TO_CLIENT = camelToClient();

    private KafkaClient() {
    }

    /**
     * The client properties that are set. {@code env} holds the security options, which only Camel reads and so have
     * no default in the properties.
     */
    public static Map<String, String> properties(SettingsSource source, Map<String, String> env) {
        Map<String, String> client = new LinkedHashMap<>();
        CAMEL_TO_CLIENT.forEach((camelKey, clientKey) -> {
            String value = source.get(camelKey).isEmpty() ? env.getOrDefault(SettingsSource.envName(camelKey), "")
                    : source.get(camelKey);
            if (!value.isBlank()) {
                client.put(clientKey, value.trim());
            }
        });
        return client;
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
