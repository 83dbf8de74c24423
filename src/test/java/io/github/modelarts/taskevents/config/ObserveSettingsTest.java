package io.github.modelarts.taskevents.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ObserveSettingsTest {

    @Test
    void givenNoVariables_whenLoaded_thenTheDocumentedDefaultsApply() {
        ObserveSettings settings = ObserveSettings.from(SettingsSource.load(Map.of(), Map.of()));

        assertThat(settings.readyMaxBacklog()).isEqualTo(1000);
        assertThat(settings.readyApiFailureCycles()).isEqualTo(3);
        assertThat(settings.managementToken().isBlank()).isTrue();
    }

    @Test
    void givenAManagementToken_whenPrinted_thenItDoesNotShow() {
        ObserveSettings settings = ObserveSettings.from(SettingsSource.load(
                Map.of("MANAGEMENT_TOKEN", "mgmt-Secret-0123456789"), Map.of()));

        assertThat(settings.managementToken().reveal()).isEqualTo("mgmt-Secret-0123456789");
        assertThat(settings.toString()).doesNotContain("mgmt-Secret-0123456789");
    }

    @ParameterizedTest
    @ValueSource(strings = {"short-Secret", "mgmt Secret 0123456789", "mgmt-Secret-\n0123456789"})
    void givenAWeakOrMalformedManagementToken_whenLoaded_thenRefusedWithoutRepeatingIt(String token) {
        assertThatThrownBy(() -> ObserveSettings.from(SettingsSource.load(Map.of("MANAGEMENT_TOKEN", token), Map.of())))
                .isInstanceOfSatisfying(InvalidSettingsException.class, e -> assertThat(e.problems())
                        .singleElement().asString().startsWith("MANAGEMENT_TOKEN ").doesNotContain("Secret"));
    }

    @Test
    void givenInvalidValues_whenLoaded_thenStartupRefusedNamingEachVariable() {
        Map<String, String> env = Map.of("READY_MAX_BACKLOG", "0", "READY_API_FAILURE_CYCLES", "three",
                "LOG_FORMAT", "JSON");

        assertThatThrownBy(() -> ObserveSettings.from(SettingsSource.load(env, Map.of())))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("READY_MAX_BACKLOG (ready.max.backlog) must be a whole number")
                .hasMessageContaining("READY_API_FAILURE_CYCLES (ready.api.failure.cycles) must be a whole number")
                .hasMessageContaining("LOG_FORMAT (log.format) must be one of [text, json], got 'JSON'");
    }
}
