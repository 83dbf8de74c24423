package io.github.modelarts.taskevents.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplaySettingsTest {
    @TempDir
    Path dir;

    @Test
    void givenOnlyKafkaAndState_whenRead_thenNoModelArtsSettingIsNeeded() {
        Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092, kafka-2:9092",
                "STATE_DIR", dir.toString(), "STATE_RETENTION_DAYS", "3");

        ReplaySettings settings = ReplaySettings.from(SettingsSource.load(env, Map.of()), env);

        assertThat(settings.kafkaBootstrapServers()).isEqualTo("kafka-1:9092,kafka-2:9092");
        assertThat(settings.state().dir()).isEqualTo(dir);
        assertThat(settings.state().retention()).isEqualTo(Duration.ofDays(3));
        assertThat(settings.kafkaClient()).containsExactlyInAnyOrderEntriesOf(Map.of("max.block.ms", "5000",
                "delivery.timeout.ms", "15000", "request.timeout.ms", "5000", "max.request.size", "1048576"));
    }

    @Test
    void givenTheServicesKafkaSecurity_whenRead_thenTheReplayClientHasIt_andNeverPrintsIt() {
        Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka:9093", "STATE_DIR", dir.toString(),
                "CAMEL_COMPONENT_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "CAMEL_COMPONENT_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "CAMEL_COMPONENT_KAFKA_SASL_JAAS_CONFIG", "ScramLoginModule required password=\"s3cret\";",
                "CAMEL_COMPONENT_KAFKA_SSL_ENDPOINT_ALGORITHM", "https");

        ReplaySettings settings = ReplaySettings.from(SettingsSource.load(env, Map.of()), env);

        assertThat(settings.kafkaClient()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", "ScramLoginModule required password=\"s3cret\";")
                .containsEntry("ssl.endpoint.identification.algorithm", "https");
        assertThat(settings.toString()).doesNotContain("s3cret");
    }

    @Test
    void givenNoBrokersAndABadRetention_whenRead_thenBothAreNamed() {
        Map<String, String> env = Map.of("STATE_DIR", dir.toString(), "STATE_RETENTION_DAYS", "0");

        assertThatThrownBy(() -> ReplaySettings.from(SettingsSource.load(env, Map.of()), env))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS (kafka.bootstrap.servers) is required")
                .hasMessageContaining("STATE_RETENTION_DAYS (state.retention.days) must be a whole number from 1 to 3650");
    }
}
