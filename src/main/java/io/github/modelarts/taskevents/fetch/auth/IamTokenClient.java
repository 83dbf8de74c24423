package io.github.modelarts.taskevents.fetch.auth;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;

/** Obtains project-scoped IAM tokens by password: {@code POST /v3/auth/tokens} (docs/modelarts-api.md#iam-token). */
public final class IamTokenClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ERROR_CHARS = 200;

    /** The registry name of the IAM endpoint's {@code HttpTransport}: no pacing, no ModelArts credentials. */
    public static final String TRANSPORT = "iamHttp";

    private final Supplier<ProducerTemplate> camel;
    private final URI tokensUri;
    private final String endpoint;
    private final IamPasswordCredentials credentials;
    private final Clock clock;

    /**
     * {@code iamEndpoint} is the IAM base URL, with or without a trailing {@code /v3}; {@code camel} is asked
     * only when a token is wanted, as the template exists only once Camel has started.
     */
    public IamTokenClient(Supplier<ProducerTemplate> camel, URI iamEndpoint, IamPasswordCredentials credentials,
                          Clock clock) {
        this.camel = camel;
        String base = iamEndpoint.toString().replaceAll("/+$", "").replaceAll("/v3$", "");
        // nocatalog: the service catalog is the bulk of the answer and nothing here reads it
        this.tokensUri = URI.create(base + "/v3/auth/tokens?nocatalog=true");
        this.endpoint = tokensUri + "&throwExceptionOnFailure=false&httpClientConfigurer=#" + TRANSPORT;
        this.credentials = credentials;
        this.clock = clock;
    }

    /** Asks IAM for a new token; throws {@link IamAuthenticationException} when IAM is unreachable or refuses. */
    public IamToken requestToken() {
        Exchange done = camel.get().send(endpoint, exchange -> {
            Message request = exchange.getMessage();
            request.setHeader(Exchange.HTTP_METHOD, "POST");
            request.setHeader(Exchange.CONTENT_TYPE, "application/json;charset=utf8");
            request.setBody(requestBody());
        });
        if (done.getException() != null) {
            Exception e = done.getException();
            String detail = e.getMessage() == null ? "" : ": " + e.getMessage();
            throw failure(e.getClass().getSimpleName() + detail, 0, e);
        }
        Message response = done.getMessage();
        int status = response.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        byte[] body = response.getBody(byte[].class);
        if (status != 201) {
            throw failure("HTTP " + status + IamErrorBody.describe(body, MAX_ERROR_CHARS), status, null);
        }
        return tokenFrom(response.getHeader("X-Subject-Token", "", String.class), body);
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

    private IamToken tokenFrom(String value, byte[] body) {
        Instant received = clock.instant();
        if (value.isBlank()) {
            throw failure("HTTP 201 without an X-Subject-Token header", 0, null);
        }
        try {
            JsonNode token = JSON.readTree(body == null ? new byte[0] : body).path("token");
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
