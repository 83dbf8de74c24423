package io.github.modelarts.taskevents.simulator.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.modelarts.taskevents.config.Settings;
import io.github.modelarts.taskevents.config.SettingsSource;
import io.github.modelarts.taskevents.fetch.RequestListener;
import io.github.modelarts.taskevents.fetch.auth.Authenticators;
import io.github.modelarts.taskevents.fetch.auth.RequestAuthenticator;
import io.github.modelarts.taskevents.simulator.ModelArtsSimulator;
import io.github.modelarts.taskevents.testsupport.SignedRequests;
import io.github.modelarts.taskevents.testsupport.CamelHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code SimulatorMain --auth}: what it prints configures this project to pass, and nothing else passes. */
class DemoAuthTest {
    private static final String PROJECT = "demo-project";
    private static final String TASK_PATH = "/v2/" + PROJECT + "/datasets/ds1/tasks/t1";
    private final HttpClient http = HttpClient.newHttpClient();

    @ParameterizedTest(name = "--auth {0}")
    @ValueSource(strings = {"token", "password", "aksk"})
    void givenMode_whenTheProjectRunsWithThePrintedEnvironment_thenItsRequestsPassAndBareOnesDoNot(String mode)
            throws Exception {
        DemoAuth demo = DemoAuth.of(mode, PROJECT, Duration.ofHours(24));
        try (ModelArtsSimulator simulator = ModelArtsSimulator.builder(PROJECT).gate(demo.gate()).build().start()) {
            simulator.putTask("ds1", "{\"task_id\":\"t1\",\"status\":1}");
            Map<String, String> env = new HashMap<>(demo.environment(simulator.baseUrl()));
            env.put("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");
            Settings settings = Settings.from(SettingsSource.load(env, Map.of()));
            RequestAuthenticator authenticator = Authenticators.from(settings.credentials(), settings.projectId(),
                    CamelHttp.templates(), Clock.systemUTC(), RequestListener.NONE);
            URI uri = URI.create(settings.endpoint() + TASK_PATH);

            HttpRequest.Builder authenticated = HttpRequest.newBuilder(uri);
            SignedRequests.authenticate(authenticator, authenticated, "GET", uri, new byte[0]);

            assertThat(env).containsEntry("MODELARTS_AUTH", mode);
            assertThat(status(authenticated)).isEqualTo(200);
            assertThat(status(HttpRequest.newBuilder(uri))).isEqualTo(401);
        }
    }

    @Test
    void givenPasswordMode_whenPrinted_thenIamIsTheSimulatorItself() {
        Map<String, String> env = DemoAuth.of("password", PROJECT, Duration.ofHours(1)).environment("http://sim:1");

        assertThat(env).containsEntry("MODELARTS_IAM_ENDPOINT", "http://sim:1")
                .containsEntry("MODELARTS_ENDPOINT", "http://sim:1")
                .containsEntry("MODELARTS_PROJECT_ID", PROJECT)
                .containsKeys("MODELARTS_USERNAME", "MODELARTS_PASSWORD", "MODELARTS_DOMAIN");
    }

    @Test
    void givenUnknownMode_whenAsked_thenRefusedNamingTheModes() {
        assertThatThrownBy(() -> DemoAuth.of("kerberos", PROJECT, Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("token, password or aksk");
    }

    private int status(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
