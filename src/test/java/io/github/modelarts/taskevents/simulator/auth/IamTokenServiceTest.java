package io.github.modelarts.taskevents.simulator.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.modelarts.taskevents.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IamTokenServiceTest {
    private static final IamAccount ACCOUNT = new IamAccount("acme", "poller", "S3cret", "p-0123", "eu-de");
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T08:00:00.123456Z"));
    private final IssuedTokens tokens = new IssuedTokens();
    private final IamTokenService service = new IamTokenService(List.of(ACCOUNT), tokens, Duration.ofHours(2), clock);

    @Test
    void givenKnownUserAndProjectName_whenCreatingToken_then201WithSubjectTokenAndExpiryAfterTtl() throws Exception {
        AuthResponse response = service.createToken(request("acme", "poller", "S3cret", "\"name\":\"eu-de\""));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.headers()).containsKey("X-Subject-Token").containsEntry("Content-Type",
                "application/json;charset=UTF-8");
        JsonNode token = new ObjectMapper().readTree(response.body()).path("token");
        assertThat(token.path("issued_at").asText()).isEqualTo("2026-11-27T08:00:00.123456Z");
        assertThat(token.path("expires_at").asText()).isEqualTo("2026-11-27T10:00:00.123456Z");
        assertThat(token.at("/project/id").asText()).isEqualTo("p-0123");
        assertThat(token.at("/project/name").asText()).isEqualTo("eu-de");
        assertThat(token.at("/user/name").asText()).isEqualTo("poller");
        assertThat(tokens.expiryOf(response.headers().get("X-Subject-Token")))
                .contains(Instant.parse("2026-11-27T10:00:00.123456Z"));
        assertThat(service.issuedCount()).isEqualTo(1);
    }

    @Test
    void givenProjectId_whenCreatingToken_then201() {
        assertThat(service.createToken(request("acme", "poller", "S3cret", "\"id\":\"p-0123\"")).status())
                .isEqualTo(201);
    }

    @Test
    void givenTwoRequests_whenCreatingTokens_thenDistinctTokensAndBothCounted() {
        String first = service.createToken(request("acme", "poller", "S3cret", "\"name\":\"eu-de\"")).headers()
                .get("X-Subject-Token");
        String second = service.createToken(request("acme", "poller", "S3cret", "\"name\":\"eu-de\"")).headers()
                .get("X-Subject-Token");

        assertThat(first).isNotEqualTo(second);
        assertThat(service.issuedCount()).isEqualTo(2);
    }

    @Test
    void givenWrongPasswordUserOrDomain_whenCreatingToken_then401KeystoneErrorAndNoToken() {
        for (byte[] request : List.of(request("acme", "poller", "wrong", "\"name\":\"eu-de\""),
                request("acme", "nobody", "S3cret", "\"name\":\"eu-de\""),
                request("other", "poller", "S3cret", "\"name\":\"eu-de\""))) {
            AuthResponse response = service.createToken(request);

            assertThat(response.status()).isEqualTo(401);
            assertThat(response.headers()).doesNotContainKey("X-Subject-Token");
            assertThat(response.body()).isEqualTo("{\"error\":{\"code\":401,\"title\":\"Unauthorized\","
                    + "\"message\":\"The username or password is wrong.\"}}");
        }
        assertThat(service.issuedCount()).isZero();
    }

    @Test
    void givenProjectOfAnotherAccount_whenCreatingToken_then401() {
        assertThat(service.createToken(request("acme", "poller", "S3cret", "\"name\":\"eu-nl\"")).status())
                .isEqualTo(401);
        assertThat(service.createToken(request("acme", "poller", "S3cret", "\"id\":\"p-9999\"")).status())
                .isEqualTo(401);
    }

    @Test
    void givenBodyThatIsNotJson_whenCreatingToken_then400() {
        assertThat(service.createToken("password=S3cret".getBytes(UTF_8)).status()).isEqualTo(400);
    }

    private static byte[] request(String domain, String user, String password, String project) {
        return ("{\"auth\":{\"identity\":{\"methods\":[\"password\"],\"password\":{\"user\":{\"name\":\"" + user
                + "\",\"password\":\"" + password + "\",\"domain\":{\"name\":\"" + domain + "\"}}}},"
                + "\"scope\":{\"project\":{" + project + "}}}}").getBytes(UTF_8);
    }
}
