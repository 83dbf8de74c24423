package io.github.modelarts.taskevents.fetch.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.modelarts.taskevents.simulator.auth.AuthResponse;
import io.github.modelarts.taskevents.simulator.auth.IamAccount;
import io.github.modelarts.taskevents.simulator.auth.IamTokenService;
import io.github.modelarts.taskevents.simulator.auth.IssuedTokens;
import io.github.modelarts.taskevents.simulator.auth.TokenVerifier;
import io.github.modelarts.taskevents.testing.MutableClock;
import io.github.modelarts.taskevents.testsupport.CamelHttp;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IamTokenClientTest {
    private static final String PASSWORD = "Pa55-\"quoted\"-w0rd";
    private static final IamAccount ACCOUNT = new IamAccount("acme", "poller", PASSWORD, "p-0123", "eu-de");
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T08:00:00Z"));
    private final IssuedTokens tokens = new IssuedTokens();
    private final HttpClient http = HttpClient.newHttpClient();
    private IamServer iam;

    @BeforeEach
    void startIam() throws Exception {
        iam = new IamServer(new IamTokenService(List.of(ACCOUNT), tokens, Duration.ofHours(24), clock));
    }

    @AfterEach
    void stopIam() {
        iam.close();
    }

    @Test
    void givenProjectName_whenRequestingToken_thenPasswordBodyScopedByNameIsPosted() throws Exception {
        client(iam.endpoint(), PASSWORD, null, "eu-de").requestToken();

        JsonNode auth = new ObjectMapper().readTree(iam.lastBody()).path("auth");
        assertThat(iam.lastContentType()).isEqualToIgnoringWhitespace("application/json;charset=utf8");
        assertThat(auth.at("/identity/methods/0").asText()).isEqualTo("password");
        assertThat(auth.at("/identity/password/user/name").asText()).isEqualTo("poller");
        assertThat(auth.at("/identity/password/user/password").asText()).isEqualTo(PASSWORD);
        assertThat(auth.at("/identity/password/user/domain/name").asText()).isEqualTo("acme");
        assertThat(auth.at("/scope/project").properties()).singleElement()
                .satisfies(e -> assertThat(e.getKey()).isEqualTo("name"));
        assertThat(auth.at("/scope/project/name").asText()).isEqualTo("eu-de");
    }

    @Test
    void givenProjectIdAndName_whenRequestingToken_thenScopedById() throws Exception {
        client(iam.endpoint(), PASSWORD, "p-0123", "eu-de").requestToken();

        JsonNode project = new ObjectMapper().readTree(iam.lastBody()).at("/auth/scope/project");
        assertThat(project.path("id").asText()).isEqualTo("p-0123");
        assertThat(project.has("name")).isFalse();
    }

    @Test
    void givenIamAnswers201_whenRequestingToken_thenTokenFromHeaderAndExpiryFromBody() {
        IamToken token = client(URI.create(iam.endpoint() + "/v3/"), PASSWORD, null, "eu-de").requestToken();

        assertThat(new TokenVerifier(tokens, clock).verify(token.value())).isEmpty();
        assertThat(token.obtainedAt()).isEqualTo(clock.instant());
        assertThat(token.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(24)));
    }

    @Test
    void givenWrongPassword_whenRequestingToken_thenErrorNamesStatusAndReasonButNotPassword() {
        assertThatThrownBy(() -> client(iam.endpoint(), "wrong-" + PASSWORD, null, "eu-de").requestToken())
                .isInstanceOf(IamAuthenticationException.class)
                .hasMessageContaining("'poller'")
                .hasMessageContaining("HTTP 401 (Unauthorized: The username or password is wrong.)")
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void givenHuaweiStyleErrorBody_whenRequestingToken_thenErrorCodeAndMessageAreQuoted() {
        iam.answerEveryRequestWith(new AuthResponse(403, Map.of("Content-Type", "application/json"),
                "{\"error_code\":\"IAM.0011\",\"error_msg\":\"Request body is invalid.\"}"));

        assertThatThrownBy(() -> client(iam.endpoint(), PASSWORD, null, "eu-de").requestToken())
                .hasMessageEndingWith("failed: HTTP 403 (IAM.0011: Request body is invalid.)");
    }

    @Test
    void givenCreatedWithoutSubjectToken_whenRequestingToken_thenClearError() {
        iam.answerEveryRequestWith(
                new AuthResponse(201, Map.of(), "{\"token\":{\"expires_at\":\"2026-11-28T08:00:00Z\"}}"));

        assertThatThrownBy(() -> client(iam.endpoint(), PASSWORD, null, "eu-de").requestToken())
                .hasMessageEndingWith("failed: HTTP 201 without an X-Subject-Token header");
    }

    @Test
    void givenIamUnreachable_whenRequestingToken_thenErrorNamesEndpointButNotPassword() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        assertThatThrownBy(() -> client(URI.create("http://127.0.0.1:" + closedPort), PASSWORD, null, "eu-de")
                .requestToken())
                .isInstanceOf(IamAuthenticationException.class)
                .hasMessageContaining("http://127.0.0.1:" + closedPort + "/v3/auth/tokens")
                .hasMessageContaining("ConnectException")
                .hasMessageNotContaining(PASSWORD);
    }

    private IamTokenClient client(URI endpoint, String password, String projectId, String projectName) {
        return new IamTokenClient(CamelHttp.templates(), endpoint,
                new IamPasswordCredentials("poller", password, "acme", projectId, projectName), clock);
    }
}
