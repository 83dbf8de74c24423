package io.github.modelarts.taskevents.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ClusterSettingsTest {
    private static final String POSTGRES = "jdbc:postgresql://db:5432/events";

    @Test
    void givenNoVariables_whenLoaded_thenNoClusterAndTheDocumentedDefaults() {
        ClusterSettings settings = ClusterSettings.from(SettingsSource.load(Map.of(), Map.of()));

        assertThat(settings.enabled()).isFalse();
        assertThat(settings.name()).isEqualTo("modelarts-task-events");
        assertThat(settings.checkinInterval()).isEqualTo(Duration.ofMillis(7500));
        assertThat(settings.nodeId()).isNotEmpty();
        assertThat(settings.transactionalId("p1")).isEqualTo("modelarts-task-events-p1");
    }

    @Test
    void givenClusterModeOnPostgres_whenLoaded_thenItsNodeNameAndInterval() {
        ClusterSettings settings = ClusterSettings.from(SettingsSource.load(Map.of("CLUSTER_ENABLED", "true",
                "STATE_JDBC_URL", POSTGRES, "CLUSTER_NODE_ID", "node-2", "CLUSTER_NAME", "events.eu",
                "CLUSTER_CHECKIN_INTERVAL_MS", "1000"), Map.of()));

        assertThat(settings).isEqualTo(new ClusterSettings(true, "node-2", "events.eu", Duration.ofSeconds(1)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "jdbc:h2:file:/tmp/state"})
    void givenClusterModeWithoutPostgres_whenLoaded_thenRefusedNamingBothVariables(String jdbcUrl) {
        assertThatThrownBy(() -> ClusterSettings.from(SettingsSource.load(Map.of("CLUSTER_ENABLED", "true",
                "STATE_JDBC_URL", jdbcUrl), Map.of())))
                .isInstanceOfSatisfying(InvalidSettingsException.class, e -> assertThat(e.problems())
                        .singleElement().asString().startsWith("CLUSTER_ENABLED (cluster.enabled) is true, so")
                        .contains("STATE_JDBC_URL must name the PostgreSQL database"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "CLUSTER_ENABLED|yes|CLUSTER_ENABLED (cluster.enabled) must be true or false",
            "CLUSTER_NODE_ID|node 1|CLUSTER_NODE_ID (cluster.node.id) 'node 1' is not a valid ID",
            "CLUSTER_NODE_ID|../node|CLUSTER_NODE_ID (cluster.node.id) '../node' is not a valid ID",
            "CLUSTER_NAME|events/eu|CLUSTER_NAME (cluster.name) 'events/eu' is not a valid ID",
            "CLUSTER_NAME|''|CLUSTER_NAME (cluster.name) is required",
            "CLUSTER_CHECKIN_INTERVAL_MS|999|CLUSTER_CHECKIN_INTERVAL_MS (cluster.checkin.interval.ms) must be a whole"
                    + " number",
            "CLUSTER_CHECKIN_INTERVAL_MS|600001|CLUSTER_CHECKIN_INTERVAL_MS (cluster.checkin.interval.ms) must be a"
                    + " whole number",
            "CLUSTER_CHECKIN_INTERVAL_MS|1s|CLUSTER_CHECKIN_INTERVAL_MS (cluster.checkin.interval.ms) must be a whole"
                    + " number"})
    void givenAnInvalidValue_whenLoaded_thenRefusedNamingTheVariable(String variable, String value, String problem) {
        Map<String, String> env = new HashMap<>(Map.of("CLUSTER_ENABLED", "true", "STATE_JDBC_URL", POSTGRES));
        env.put(variable, value);

        assertThatThrownBy(() -> ClusterSettings.from(SettingsSource.load(env, Map.of())))
                .isInstanceOfSatisfying(InvalidSettingsException.class, e -> assertThat(e.problems())
                        .singleElement().asString().startsWith(problem));
    }
}
