package io.github.modelarts.taskevents.fetch.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.github.modelarts.taskevents.simulator.auth.AkSkVerifier;
import io.github.modelarts.taskevents.simulator.auth.AuthResponse;
import io.github.modelarts.taskevents.testing.MutableClock;
import io.github.modelarts.taskevents.testsupport.SignedRequests;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Signs with the JDK client on a real socket, so Host, path encoding and headers are what goes on the wire. */
class AkSkAuthenticationTest {
    private static final String AK = "HPUAEXAMPLEACCESSKEY";
    private static final String SK = "sk-Example+Secret/Key0123456789";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T08:52:30Z"));
    private final AkSkVerifier verifier = new AkSkVerifier(Map.of(AK, SK), clock);
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicReference<Map<String, List<String>>> received = new AtomicReference<>();
    private HttpServer gateway;

    @BeforeEach
    void startGateway() throws IOException {
        gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.set(Map.copyOf(exchange.getRequestHeaders()));
            Optional<AuthResponse> rejection = verifier.verify(exchange.getRequestMethod(), exchange.getRequestURI(),
                    exchange.getRequestHeaders(), body);
            byte[] answer = rejection.map(AuthResponse::body).orElse("{}").getBytes(UTF_8);
            exchange.sendResponseHeaders(rejection.map(AuthResponse::status).orElse(200), answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        gateway.start();
    }

    @AfterEach
    void stopGateway() {
        gateway.stop(0);
    }

    @Test
    void givenGetWithEncodedPathAndQuery_whenSentSigned_thenGatewayAccepts() throws Exception {
        URI uri = new URI("http", null, "127.0.0.1", gateway.getAddress().getPort(),
                "/v2/p1/datasets/my data~set*1/tasks/täsk", "limit=10&name=a b&empty=", null);

        assertThat(send(new AkSkAuthentication(new AkSkCredentials(AK, SK), "p1", clock), "GET", uri, null))
                .isEqualTo(200);
        assertThat(received.get().get("X-project-id")).containsExactly("p1");
    }

    @Test
    void givenPostWithJsonBody_whenSentSigned_thenContentTypeIsSignedAndGatewayAccepts() throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + gateway.getAddress().getPort() + "/v2/p1/datasets/d1/tasks");

        assertThat(send(new AkSkAuthentication(new AkSkCredentials(AK, SK), "p1", clock), "POST", uri,
                "{\"task_type\":\"auto-label\"}")).isEqualTo(200);
        assertThat(received.get().get("Authorization").get(0))
                .contains("SignedHeaders=content-type;host;x-project-id;x-sdk-date");
    }

    @Test
    void givenTemporaryCredentials_whenSentSigned_thenSecurityTokenIsSentSignedAndAccepted() throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + gateway.getAddress().getPort() + "/v2/p1/datasets/d1/tasks/t1");

        assertThat(send(new AkSkAuthentication(new AkSkCredentials(AK, SK, "sts-token"), null, clock), "GET", uri,
                null)).isEqualTo(200);
        assertThat(received.get().get("X-security-token")).containsExactly("sts-token");
        assertThat(received.get().get("Authorization").get(0))
                .contains("SignedHeaders=host;x-sdk-date;x-security-token");
    }

    @Test
    void givenWrongSecretKey_whenSentSigned_thenGatewayRejects() throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + gateway.getAddress().getPort() + "/v2/p1/datasets/d1/tasks/t1");

        assertThat(send(new AkSkAuthentication(new AkSkCredentials(AK, "wrong"), "p1", clock), "GET", uri, null))
                .isEqualTo(401);
    }

    @Test
    void givenBuilderAuthenticatedTwice_whenSent_thenOneSignatureAndAccepted() throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + gateway.getAddress().getPort() + "/v2/p1/datasets/d1/tasks/t1");
        AkSkAuthentication authentication = new AkSkAuthentication(new AkSkCredentials(AK, SK), "p1", clock);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();

        SignedRequests.authenticate(authentication, request, "GET", uri, new byte[0]);
        SignedRequests.authenticate(authentication, request, "GET", uri, new byte[0]);

        assertThat(request.build().headers().allValues("Authorization")).hasSize(1);
        assertThat(http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
    }

    private int send(AkSkAuthentication authentication, String method, URI uri, String json) throws Exception {
        byte[] body = json == null ? new byte[0] : json.getBytes(UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(method,
                json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        request.header("Accept", "application/json");
        SignedRequests.authenticate(authentication, request, method, uri, body);
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
