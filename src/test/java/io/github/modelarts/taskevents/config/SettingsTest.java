package io.github.modelarts.taskevents.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

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
        assertThat(settings.discoveryMaxPages()).isEqualTo(100);
        assertThat(settings.kafkaMaxRequestSize()).isEqualTo(1_048_576);
        assertThat(settings.publishing()).isEqualTo(new Publishing("modelarts.task.events.outbox-commits", 5, "lz4"));
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
            "DISCOVERY_MAX_PAGES|0",
            "DISCOVERY_MAX_PAGES|many",
            "WATCH_CONSUMER_GROUP|' '",
            "MODELARTS_AUTH|kerberos",
            "POLL_CRON|every minute",
            "MANAGEMENT_PORT|70000",
            "MAX_CONCURRENT_REQUESTS|0",
            "HTTP_READ_TIMEOUT_MS|soon",
            "HTTP_CONNECT_TIMEOUT_MS|10",
            "HTTP_RETRIES|11",
            "MAX_REQUESTS_PER_SECOND|-1",
            "MAX_RESPONSE_BYTES|100",
            "POLL_CYCLE_BUDGET_MS|-1",
            "POLL_ERROR_THRESHOLD|0",
            "STALL_AFTER|bogus",
            "STALL_AFTER|-PT1H",
            "TERMINAL_RECHECK_CYCLES|-1",
            "STATE_RETENTION_DAYS|0",
            "TOPIC_COMPLETED|bad topic",
            "MAX_WATCHED_TASKS|0",
            "MAX_WATCHED_TASKS|many",
            "TOPIC_FAILED|..",
            "TOPIC_PROGRESS|.",
            "TOPIC_ERRORS|' '",
            "TOPIC_WATCH|modelarts.task.errors",
            "OUTBOX_PUBLISH_PERIOD_MS|0",
            "OUTBOX_PUBLISH_PERIOD_MS|soon",
            "OUTBOX_PUBLISH_PERIOD_MS|3600001",
            "KAFKA_BOOTSTRAP_SERVERS|not a host",
            "KAFKA_BOOTSTRAP_SERVERS|kafka:notaport",
            "KAFKA_BOOTSTRAP_SERVERS|kafka",
            "KAFKA_BOOTSTRAP_SERVERS|kafka:0",
            "KAFKA_BOOTSTRAP_SERVERS|kafka:65536",
            "KAFKA_BOOTSTRAP_SERVERS|kafka-1:9092;kafka-2:9092",
            "KAFKA_BOOTSTRAP_SERVERS|http://kafka:9092",
            "KAFKA_BOOTSTRAP_SERVERS|[::1:9092",
            "STATE_JDBC_URL|jdbc:mysql://db:3306/events",
            "STATE_JDBC_URL|postgresql://db:5432/events",
            "CAMEL_COMPONENT_KAFKA_MAX_BLOCK_MS|-1",
            "CAMEL_COMPONENT_KAFKA_REQUEST_TIMEOUT_MS|soon",
            "CAMEL_COMPONENT_KAFKA_DELIVERY_TIMEOUT_MS|0",
            "CAMEL_COMPONENT_KAFKA_REQUEST_REQUIRED_ACKS|1",
            "CAMEL_COMPONENT_KAFKA_ENABLE_IDEMPOTENCE|false",
            "CAMEL_MAIN_SHUTDOWN_TIMEOUT|0",
            "MANAGEMENT_HOST|not a host",
            "MANAGEMENT_HOST|300.1.1.1",
            "MANAGEMENT_HOST|[::1]",
            "MANAGEMENT_HOST|localhost:9876",
            "MANAGEMENT_HOST|1::2::3",
            "MANAGEMENT_HOST|''",
            "CAMEL_COMPONENT_KAFKA_MAX_REQUEST_SIZE|1024",
            "TOPIC_OUTBOX_COMMITS|modelarts.task.completed",
            "TOPIC_OUTBOX_COMMITS|modelarts.task.watch",
            "TOPIC_OUTBOX_COMMITS|bad topic",
            "KAFKA_LINGER_MS|-1",
            "KAFKA_LINGER_MS|1001",
            "KAFKA_COMPRESSION_TYPE|brotli",
    })
    void givenInvalidValue_whenLoaded_thenStartupRefusedNamingTheVariable(String variable, String value) {
        Map<String, String> env = new HashMap<>(VALID);
        env.put(variable, value);

        assertThatThrownBy(() -> Settings.from(SettingsSource.load(env, Map.of())))
                .isInstanceOfSatisfying(InvalidSettingsException.class,
                        e -> assertThat(e.problems()).singleElement().asString().startsWith(variable + " "));
    }

    @Test
    void givenMoreStaticTasksThanTheWatchListHolds_whenLoaded_thenStartupRefusedNamingBoth() {
        Map<String, String> env = new HashMap<>(VALID);
        env.put("MAX_WATCHED_TASKS", "1");

        assertThatThrownBy(() -> Settings.from(SettingsSource.load(env, Map.of())))
                .isInstanceOfSatisfying(InvalidSettingsException.class, e -> assertThat(e.problems()).singleElement()
                        .asString().startsWith("MODELARTS_TASKS ").contains("2 tasks", "MAX_WATCHED_TASKS (1)"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "kafka-1:9092, kafka-2:9092|kafka-1:9092,kafka-2:9092",
            "10.0.0.7:9093|10.0.0.7:9093",
            "[::1]:9092|[::1]:9092",
            "broker_1.kafka.svc.cluster.local:9092,|broker_1.kafka.svc.cluster.local:9092"})
    void givenBootstrapServers_whenLoaded_thenCamelGetsTheCheckedList(String given, String expected) {
        Map<String, String> env = new HashMap<>(VALID);
        env.put("KAFKA_BOOTSTRAP_SERVERS", given);

        assertThat(Settings.from(SettingsSource.load(env, Map.of())).placeholders())
                .containsEntry("kafka.bootstrap.servers", expected);
    }

    @Test
    void givenSettingsTheRoutesReadAsPlaceholders_whenLoaded_thenEachIsTheCheckedValue() {
        Map<String, String> env = new HashMap<>(VALID);
        env.putAll(Map.of("OUTBOX_PUBLISH_PERIOD_MS", " 250 ", "TOPIC_ERRORS", " errors ",
                "WATCH_CONSUMER_GROUP", " watchers ", "MANAGEMENT_PORT", "9000 "));

        assertThat(Settings.from(SettingsSource.load(env, Map.of())).placeholders()).containsOnly(
                Map.entry("poll.cron", "0/30 * * * * ?"), Map.entry("outbox.publish.period.ms", "250"),
                Map.entry("kafka.bootstrap.servers", "localhost:9092"), Map.entry("management.port", "9000"),
                Map.entry("management.host", "0.0.0.0"),
                Map.entry("topic.errors", "errors"), Map.entry("topic.watch", "modelarts.task.watch"),
                Map.entry("watch.consumer.group", "watchers"));
    }

    @ParameterizedTest(name = "auth {0}: {1}, IAM {2}")
    @CsvSource(delimiter = '|', value = {
            "token|http://modelarts.internal|''|MODELARTS_ENDPOINT",
            "aksk|http://10.0.0.5:8080|''|MODELARTS_ENDPOINT",
            "password|http://modelarts.internal|https://iam.internal|MODELARTS_ENDPOINT",
            "password|https://modelarts.internal|http://iam.internal|MODELARTS_IAM_ENDPOINT",
            "token|http://user:url-Secret-3@modelarts.internal|''|MODELARTS_ENDPOINT"})
    void givenCredentialsSentOverPlainHttpToAnotherHost_whenLoaded_thenOneWarningNamesTheVariable(
            String mode, String endpoint, String iamEndpoint, String variable) {
        List<ILoggingEvent> warnings = loadCapturingWarnings(mode, endpoint, iamEndpoint);

        assertThat(warnings).singleElement().satisfies(warning -> {
            assertThat(warning.getLevel()).isEqualTo(Level.WARN);
            assertThat(warning.getFormattedMessage()).startsWith(variable + " ")
                    .doesNotContain("token-Secret-1", "pw-Secret-2", "sk-Secret-4", "url-Secret-3");
        });
    }

    @ParameterizedTest(name = "auth {0}: {1}, IAM {2}")
    @CsvSource(delimiter = '|', value = {
            "token|http://127.0.0.1:8080|''",
            "token|http://localhost:8080|''",
            "aksk|http://[::1]:8080|''",
            "password|https://modelarts.internal|http://127.0.0.2:5000",
            "token|https://modelarts.internal|http://iam.internal",
            "none|http://modelarts.internal|''"})
    void givenNoCredentialCrossingTheNetworkInClear_whenLoaded_thenNoWarning(String mode, String endpoint,
                                                                             String iamEndpoint) {
        assertThat(loadCapturingWarnings(mode, endpoint, iamEndpoint)).isEmpty();
    }

    private static List<ILoggingEvent> loadCapturingWarnings(String mode, String endpoint, String iamEndpoint) {
        Map<String, String> env = new HashMap<>(VALID);
        env.putAll(Map.of("MODELARTS_AUTH", mode, "MODELARTS_ENDPOINT", endpoint, "MODELARTS_IAM_ENDPOINT", iamEndpoint,
                "MODELARTS_TOKEN", "token-Secret-1", "MODELARTS_USERNAME", "user", "MODELARTS_PASSWORD", "pw-Secret-2",
                "MODELARTS_DOMAIN", "domain", "MODELARTS_AK", "AK1", "MODELARTS_SK", "sk-Secret-4"));
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        logs.start();
        root.addAppender(logs);
        try {
            Settings.from(SettingsSource.load(env, Map.of()));
        } finally {
            root.detachAppender(logs);
        }
        return logs.list.stream().filter(event -> event.getLevel().isGreaterOrEqual(Level.WARN)).toList();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"0.0.0.0", "127.0.0.1", "::", "::1", "localhost", "management.internal"})
    void givenAManagementHost_whenLoaded_thenCamelBindsTheCheckedAddress(String host) {
        Map<String, String> env = new HashMap<>(VALID);
        env.put("MANAGEMENT_HOST", " " + host + " ");

        assertThat(Settings.from(SettingsSource.load(env, Map.of())).placeholders())
                .containsEntry("management.host", host);
    }

    @Test
    void givenARequestTimeoutLongerThanTheDeliveryTimeout_whenLoaded_thenTheDeliveryTimeoutIsNamed() {
        Map<String, String> env = new HashMap<>(VALID);
        env.put("CAMEL_COMPONENT_KAFKA_REQUEST_TIMEOUT_MS", "20000");

        assertThatThrownBy(() -> Settings.from(SettingsSource.load(env, Map.of())))
                .isInstanceOfSatisfying(InvalidSettingsException.class, e -> assertThat(e.problems())
                        .singleElement().asString().startsWith("CAMEL_COMPONENT_KAFKA_DELIVERY_TIMEOUT_MS ")
                        .contains("CAMEL_COMPONENT_KAFKA_REQUEST_TIMEOUT_MS"));
    }

    @Test
    void givenAStateDirThatIsAFile_whenLoaded_thenStateDirIsNamed(@TempDir Path dir) throws Exception {
        Map<String, String> env = new HashMap<>(VALID);
        env.put("STATE_DIR", Files.createFile(dir.resolve("not-a-dir")).toString());

        assertThatThrownBy(() -> Settings.from(SettingsSource.load(env, Map.of())))
                .isInstanceOfSatisfying(InvalidSettingsException.class,
                        e -> assertThat(e.problems()).singleElement().asString().startsWith("STATE_DIR "));
    }

    @Test
    void givenAStateDirThatDoesNotExistYet_whenLoaded_thenItIsAccepted(@TempDir Path dir) {
        Map<String, String> env = new HashMap<>(VALID);
        env.put("STATE_DIR", dir.resolve("new/state").toString());

        assertThat(Settings.from(SettingsSource.load(env, Map.of())).state().dir()).isEqualTo(dir.resolve("new/state"));
    }

    @Test
    void givenAJdbcUrlWithAPassword_whenRefused_thenTheMessageDoesNotRepeatIt() {
        Map<String, String> env = new HashMap<>(VALID);
        env.put("STATE_JDBC_URL", "jdbc:mysql://db/events?password=url-Secret-77");

        assertThatThrownBy(() -> Settings.from(SettingsSource.load(env, Map.of())))
                .hasMessageContaining("STATE_JDBC_URL").hasMessageNotContaining("url-Secret-77");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"token,MODELARTS_TOKEN", "aksk,MODELARTS_AK", "aksk,MODELARTS_SECURITY_TOKEN"})
    void givenACredentialSentInAHeaderWithALineBreak_whenLoaded_thenRefusedWithoutRepeatingIt(String mode,
                                                                                            String variable) {
        Map<String, String> env = new HashMap<>(VALID);
        env.putAll(Map.of("MODELARTS_AUTH", mode, "MODELARTS_TOKEN", "t", "MODELARTS_AK", "AK1",
                "MODELARTS_SK", "sk"));
        env.put(variable, "first-half\nX-Injected: second-half");

        assertThatThrownBy(() -> Settings.from(SettingsSource.load(env, Map.of())))
                .isInstanceOfSatisfying(InvalidSettingsException.class, e -> assertThat(e.problems())
                        .singleElement().asString().startsWith(variable + " ").doesNotContain("half"));
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
