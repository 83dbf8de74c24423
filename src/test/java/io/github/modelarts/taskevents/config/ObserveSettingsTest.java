package io.github.modelarts.taskevents.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ObserveSettingsTest {

    @Test
    void givenNoVariables_whenLoaded_thenTheDocumentedDefaultsApply() {
        ObserveSettings settings = ObserveSettings.from(SettingsSource.load(Map.of(), Map.of()));

        assertThat(settings.readyMaxBacklog()).isEqualTo(1000);
        assertThat(settings.readyApiFailureCycles()).isEqualTo(3);
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
