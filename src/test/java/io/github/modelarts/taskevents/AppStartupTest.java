package io.github.modelarts.taskevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.modelarts.taskevents.testsupport.JavaProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The real entry point as its own process: bad configuration stops it at once, naming each variable. */
class AppStartupTest {
    @TempDir
    Path dir;

    @Test
    void givenNoConfiguration_whenStarted_thenExitsNonZeroNamingEachMissingVariableAndTheDemo() throws Exception {
        JavaProcess app = JavaProcess.start(App.class.getName(), List.of(), Map.of(), dir.resolve("out.log"));

        int exit = app.waitForExit(Duration.ofSeconds(30));

        assertThat(exit).isEqualTo(2);
        assertThat(app.output()).contains("MODELARTS_ENDPOINT", "MODELARTS_PROJECT_ID", "KAFKA_BOOTSTRAP_SERVERS",
                "--demo");
    }

    @Test
    void givenSeveralBadValues_whenStarted_thenOneLinePerProblem() throws Exception {
        JavaProcess app = JavaProcess.start(App.class.getName(), List.of(), Map.of(
                "MODELARTS_ENDPOINT", "ftp://somewhere", "MODELARTS_PROJECT_ID", "p1",
                "KAFKA_BOOTSTRAP_SERVERS", "localhost:9092", "POLL_CRON", "sometimes",
                "MODELARTS_TASKS", "ds/../x", "MODELARTS_AUTH", "aksk", "MODELARTS_SK", "sk-secret-value"),
                dir.resolve("out.log"));

        int exit = app.waitForExit(Duration.ofSeconds(30));

        String output = app.output();
        assertThat(exit).isEqualTo(2);
        assertThat(output.lines().filter(line -> line.startsWith("  - "))).hasSize(4);
        assertThat(output).contains("MODELARTS_ENDPOINT", "POLL_CRON", "MODELARTS_TASKS", "MODELARTS_AK")
                .doesNotContain("sk-secret-value");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "OUTBOX_PUBLISH_PERIOD_MS|0",
            "OUTBOX_PUBLISH_PERIOD_MS|soon",
            "KAFKA_BOOTSTRAP_SERVERS|not a host",
            "KAFKA_BOOTSTRAP_SERVERS|kafka:notaport",
            // cluster mode without the PostgreSQL the nodes share; the line names STATE_JDBC_URL too
            "CLUSTER_ENABLED|true",
            "CLUSTER_CHECKIN_INTERVAL_MS|10"})
    void givenAValueOnlyCamelOrKafkaWouldHaveRefused_whenStarted_thenExitTwoWithOneLineNamingIt(String variable,
                                                                                            String value)
            throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("MODELARTS_ENDPOINT", "http://127.0.0.1:9",
                "MODELARTS_PROJECT_ID", "p1", "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9", "MANAGEMENT_PORT", "0"));
        env.put(variable, value);
        JavaProcess app = JavaProcess.start(App.class.getName(), List.of(), env, dir.resolve("out.log"));

        int exit = app.waitForExit(Duration.ofSeconds(30));

        String output = app.output();
        assertThat(exit).as(output).isEqualTo(2);
        assertThat(output.lines().filter(line -> line.startsWith("  - "))).singleElement().asString()
                .startsWith("  - " + variable + " ");
        assertThat(output).doesNotContain("Exception", "\tat ");
    }

    @Test
    void givenATokenForAPlainHttpEndpoint_whenStarted_thenItRunsAndWarnsNamingTheVariable() throws Exception {
        // .invalid never resolves, and the cron never fires during the test: no request leaves this host
        JavaProcess app = JavaProcess.start(App.class.getName(), List.of(), Map.of(
                "MODELARTS_ENDPOINT", "http://modelarts.invalid", "MODELARTS_PROJECT_ID", "p1",
                "MODELARTS_AUTH", "token", "MODELARTS_TOKEN", "token-Secret-5",
                "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9", "MANAGEMENT_PORT", "0", "POLL_CRON", "0 0 0 1 1 ? 2099"),
                dir.resolve("out.log"));
        try (app) {
            await().atMost(Duration.ofSeconds(30)).until(() -> app.output().contains("(modelarts-task-events) started"));

            assertThat(app.isAlive()).isTrue();
            assertThat(app.output().lines().filter(line -> line.contains(" WARN ")
                    && line.contains("MODELARTS_ENDPOINT"))).hasSize(1);
            assertThat(app.output()).doesNotContain("token-Secret-5");
        }
    }

    @Test
    void givenAnUnknownArgument_whenStarted_thenUsageAndExitTwo() throws Exception {
        JavaProcess app = JavaProcess.start(App.class.getName(), List.of("--demon"), Map.of(),
                dir.resolve("out.log"));

        assertThat(app.waitForExit(Duration.ofSeconds(30))).isEqualTo(2);
        assertThat(app.output()).contains("Usage");
    }
}
