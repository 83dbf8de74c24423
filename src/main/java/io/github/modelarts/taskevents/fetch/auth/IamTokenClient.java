package io.github.modelarts.taskevents.fetch.auth;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Obtains project-scoped IAM tokens by password: {@code POST /v3/auth/tokens} (docs/modelarts-api.md#iam-token). */
public final class IamTokenClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ERROR_CHARS = 200;

    private final HttpClient http;
    private final URI tokensUri;
    private final IamPasswordCredentials credentials;
    private final Duration timeout;
    private final Clock clock;

    /** {@code iamEndpoint} is the IAM base URL, with or without a trailing {@code /v3}. */
    public IamTokenClient(HttpClient http, URI iamEndpoint, IamPasswordCredentials credentials, Duration timeout,
                          Clock clock) {
        this.http = http;
        String base = iamEndpoint.toString().replaceAll("/+$", "").replaceAll("/v3$", "");
        // nocatalog: the service catalog is the bulk of the answer and nothing here reads it
        this.tokensUri = URI.create(base + "/v3/auth/tokens?nocatalog=true");
        this.credentials = credentials;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** Asks IAM for a new token; throws {@link IamAuthenticationException} when IAM is unreachable or refuses. */
    public IamToken requestToken() {
        HttpRequest request = HttpRequest.newBuilder(tokensUri).timeout(timeout)
                .header("Content-Type", "application/json;charset=utf8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(requestBody()))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            String detail = e.getMessage() == null ? "" : ": " + e.getMessage();
            throw failure(e.getClass().getSimpleName() + detail, 0, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted", 0, e);
        }
        if (response.statusCode() != 201) {
            throw failure("HTTP " + response.statusCode() + IamErrorBody.describe(response.body(), MAX_ERROR_CHARS),
                    response.statusCode(), null);
        }
        return tokenFrom(response);
    }

    private byte[] requestBody() {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode identity = body.putObject("auth").putObject("identity");
        identity.putArray("methods").add("password");
        ObjectNode user = identity.putObject("password").putObject("user");
        user.put("name", credentials.userName()).put("password", credentials.password());
        user.putObject("domain").put("name", credentials.domainName());
        ObjectNode project = ((ObjectNode) body.get("auth")).putObject("scope").putObject("project");
        if (credentials.scopedById()) {
            project.put("id", credentials.projectId());
        } else {
            project.put("name", credentials.projectName());
        }
        return body.toString().getBytes(UTF_8);
    }

    private IamToken tokenFrom(HttpResponse<byte[]> response) {
        Instant received = clock.instant();
        String value = response.headers().firstValue("X-Subject-Token").orElse("");
        if (value.isBlank()) {
            throw failure("HTTP 201 without an X-Subject-Token header", 0, null);
        }
        try {
            JsonNode token = JSON.readTree(response.body()).path("token");
            Instant expiresAt = Instant.parse(token.path("expires_at").asText());
            Instant issuedAt = token.hasNonNull("issued_at")
                    ? Instant.parse(token.get("issued_at").asText()) : received;
            return new IamToken(value, received, received.plus(Duration.between(issuedAt, expiresAt)));
        } catch (IOException | DateTimeParseException e) {
            throw failure("HTTP 201 without a readable token.expires_at", 0, e);
        }
    }

    private IamAuthenticationException failure(String reason, int httpStatus, Throwable cause) {
        return new IamAuthenticationException("IAM token request for user '" + credentials.userName() + "' to "
                + tokensUri + " failed: " + reason, httpStatus, cause);
    }

    @Override
    public String toString() {
        return "IamTokenClient[" + tokensUri + ", " + credentials + "]";
    }
}
