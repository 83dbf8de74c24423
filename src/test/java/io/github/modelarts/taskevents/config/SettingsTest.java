package io.github.modelarts.taskevents.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SettingsTest {
    private static final Map<String, String> VALID = Map.of(
            "MODELARTS_ENDPOINT", "https://modelarts.eu-de.otc.t-systems.com",
            "MODELARTS_PROJECT_ID", "0123456789abcdef0123456789abcdef",
            "KAFKA_BOOTSTRAP_SERVERS", "localhost:9092",
            "MODELARTS_TASKS", "OBegCXHxTJ2JHRAZWr0/14cyxyu6UXaNT3lrPFl, ds2/task2");

    @Test
    void givenRequiredVariables_whenLoaded_thenDefaultsApply() {
        Settings settings = Settings.from(SettingsSource.load(VALID, Map.of()));

        assertThat(settings.pollCron()).isEqualTo("0/30 * * * * ?");
        assertThat(settings.topics().completed()).isEqualTo("modelarts.task.completed");
        assertThat(settings.managementPort()).isEqualTo(9876);
        assertThat(settings.tasks()).extracting(Object::toString)
                .containsExactly("OBegCXHxTJ2JHRAZWr0/14cyxyu6UXaNT3lrPFl", "ds2/task2");
        assertThat(settings.credentials().mode()).isEqualTo(AuthMode.NONE);
        assertThat(settings.discoveryEveryCycles()).isEqualTo(1);
        assertThat(settings.kafkaMaxRequestSize()).isEqualTo(1_048_576);
    }

    @Test
    void givenNothing_whenLoaded_thenEachMissingVariableIsNamedWithTheDemoHint() {
        assertThatThrownBy(() -> Settings.from(SettingsSource.load(Map.of(), Map.of())))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("MODELARTS_ENDPOINT")
                .hasMessageContaining("MODELARTS_PROJECT_ID")
                .hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS")
                .hasMessageContaining("--demo");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "MODELARTS_ENDPOINT|ftp://modelarts.example.com",
            "MODELARTS_ENDPOINT|not a url",
            "MODELARTS_PROJECT_ID|../admin",
            "MODELARTS_PROJECT_ID|p?x=1",
            "MODELARTS_TASKS|ds1/task/extra",
            "MODELARTS_TASKS|ds1/ta sk",
            "MODELARTS_TASKS|ds1/t#1",
            "MODELARTS_DATASETS|a/b",
            "DISCOVERY_EVERY_CYCLES|0",
            "WATCH_CONSUMER_GROUP|' '",
            "MODELARTS_AUTH|kerberos",
            "POLL_CRON|every minute",
            "MANAGEMENT_PORT|70000",
            "MAX_CONCURRENT_REQUESTS|0",
            "HTTP_READ_TIMEOUT_MS|soon",
            "TOPIC_COMPLETED|bad topic",
            "CAMEL_COMPONENT_KAFKA_MAX_REQUEST_SIZE|1024",
    })
    void givenInvalidValue_whenLoaded_thenStartupRefusedNamingTheVariable(String variable, String value) {
        Map<String, String> env = new HashMap<>(VALID);
        env.put(variable, value);

        assertThatThrownBy(() -> Settings.from(SettingsSource.load(env, Map.of())))
                .isInstanceOfSatisfying(InvalidSettingsException.class,
                        e -> assertThat(e.problems()).singleElement().asString().startsWith(variable + " "));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "https://modelarts.eu-de.otc.t-systems.com:443, https://modelarts.eu-de.otc.t-systems.com",
            "http://127.0.0.1:80/, http://127.0.0.1",
            "https://modelarts.example.com:8443, https://modelarts.example.com:8443"})
    void givenEndpointWithItsSchemesDefaultPort_whenLoaded_thenThePortIsDroppedAsFromTheSignedHost(String given,
                                                                                                 String expected) {
        Map<String, String> env = new HashMap<>(VALID);
        env.put("MODELARTS_ENDPOINT", given);

        assertThat(Settings.from(SettingsSource.load(env, Map.of())).endpoint()).hasToString(expected);
    }

    @ParameterizedTest
    @CsvSource({"token,MODELARTS_TOKEN", "password,MODELARTS_PASSWORD", "aksk,MODELARTS_SK"})
    void givenAuthMode_whenItsCredentialIsMissing_thenTheVariableIsNamed(String mode, String variable) {
        Map<String, String> env = new HashMap<>(VALID);
        env.put("MODELARTS_AUTH", mode);

        assertThatThrownBy(() -> Settings.from(SettingsSource.load(env, Map.of())))
                .hasMessageContaining(variable);
    }

    @Test
    void givenSecrets_whenSettingsPrinted_thenNoSecretValueAppears() {
        Map<String, String> env = new HashMap<>(VALID);
        env.put("MODELARTS_AUTH", "aksk");
        env.put("MODELARTS_AK", "AK1");
        env.put("MODELARTS_SK", "very-secret-sk");
        env.put("STATE_JDBC_PASSWORD", "db-secret");

        String printed = Settings.from(SettingsSource.load(env, Map.of())).toString();

        assertThat(printed).doesNotContain("very-secret-sk", "db-secret");
    }
}
