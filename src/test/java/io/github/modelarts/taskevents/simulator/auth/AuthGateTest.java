package io.github.modelarts.taskevents.simulator.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.modelarts.taskevents.fetch.auth.AkSkAuthentication;
import io.github.modelarts.taskevents.fetch.auth.AkSkCredentials;
import io.github.modelarts.taskevents.fetch.auth.IamAuthenticationException;
import io.github.modelarts.taskevents.fetch.auth.IamPasswordCredentials;
import io.github.modelarts.taskevents.fetch.auth.IamToken;
import io.github.modelarts.taskevents.fetch.auth.IamTokenClient;
import io.github.modelarts.taskevents.simulator.ModelArtsSimulator;
import io.github.modelarts.taskevents.simulator.RequestKind;
import io.github.modelarts.taskevents.testing.MutableClock;
import io.github.modelarts.taskevents.testsupport.SignedRequests;
import io.github.modelarts.taskevents.testsupport.CamelHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The gate over real HTTP: IAM on the simulator's base URL, tokens and signatures checked on its clock. */
class AuthGateTest {
    private static final String PROJECT = "p-0123";
    private static final String TASK_PATH = "/v2/" + PROJECT + "/datasets/ds1/tasks/t1";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T08:00:00Z"));
    private final AuthGate gate = AuthGate.builder()
            .account(new IamAccount("acme", "poller", "S3cret", PROJECT, "eu-de"))
            .accessKey("AKGATE", "sk-gate")
            .tokenTtl(Duration.ofMinutes(10))
            .clock(clock)
            .build();
    private final ModelArtsSimulator simulator = ModelArtsSimulator.builder(PROJECT).gate(gate).build().start();
    private final HttpClient http = HttpClient.newHttpClient();

    AuthGateTest() {
        simulator.putTask("ds1", "{\"task_id\":\"t1\",\"status\":1}");
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void givenAccount_whenTokenRequestedOnTheSimulatorBaseUrl_thenTokenIsIssuedAndOpensTheApi() throws Exception {
        IamToken token = iamClient("S3cret").requestToken();

        assertThat(token.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));
        assertThat(getTask("X-Auth-Token", token.value()).statusCode()).isEqualTo(200);
        assertThat(gate.iamRequestCount()).isEqualTo(1);
        assertThat(simulator.requestCount(RequestKind.TASK)).isEqualTo(1);
    }

    @Test
    void givenWrongPassword_whenTokenRequested_thenIamRefusesWith401AndCountsTheRequest() {
        IamAuthenticationException refused = catchThrowableOfType(IamAuthenticationException.class,
                () -> iamClient("wrong").requestToken());

        assertThat(refused.credentialsRejected()).isTrue();
        assertThat(refused).hasMessageContaining("HTTP 401");
        assertThat(gate.iamRequestCount()).isEqualTo(1);
    }

    @Test
    void givenIssuedToken_whenItsTtlPassesOnTheGateClock_thenModelArts0202() throws Exception {
        String token = gate.issueToken();
        assertThat(getTask("X-Auth-Token", token).statusCode()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(10));

        assertRejected(getTask("X-Auth-Token", token), "ModelArts.0202");
    }

    @Test
    void givenUnknownOrMissingToken_whenApiCalled_then401WithModelArtsCodes() throws Exception {
        assertRejected(getTask("X-Auth-Token", "MIIunknown"), "ModelArts.0203");
        assertRejected(getTask("Accept", "application/json"), "ModelArts.0201");
    }

    @Test
    void givenKnownKeyPair_whenSigned_thenAccepted_andAWrongSecretKeyIsAPIG0301() throws Exception {
        assertThat(signedGet("sk-gate").statusCode()).isEqualTo(200);
        assertRejected(signedGet("sk-wrong"), "APIG.0301");
    }

    @Test
    void givenNoCredentialsConfigured_whenAnythingIsTried_thenEveryApiRequestIsRefused() throws Exception {
        try (ModelArtsSimulator locked = ModelArtsSimulator.builder(PROJECT).gate(AuthGate.builder().build())
                .build().start()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(locked.baseUrl() + TASK_PATH))
                    .header("X-Auth-Token", gate.issueToken()).build();

            assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        }
    }

    private IamTokenClient iamClient(String password) {
        return new IamTokenClient(CamelHttp.templates(), URI.create(simulator.baseUrl()),
                new IamPasswordCredentials("poller", password, "acme", PROJECT, null), clock);
    }

    private HttpResponse<String> getTask(String header, String value) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + TASK_PATH))
                .header(header, value).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> signedGet(String secretKey) throws Exception {
        URI uri = URI.create(simulator.baseUrl() + TASK_PATH);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        SignedRequests.authenticate(new AkSkAuthentication(new AkSkCredentials("AKGATE", secretKey), PROJECT, clock),
                request, "GET", uri, new byte[0]);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertRejected(HttpResponse<String> response, String errorCode) throws Exception {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(new ObjectMapper().readTree(response.body()).path("error_code").asText()).isEqualTo(errorCode);
    }
}
