package io.github.modelarts.taskevents.simulator.auth;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The simulated {@code POST /v3/auth/tokens} (docs/modelarts-api.md#iam-token): password authentication of the
 * configured accounts, project-scoped tokens that expire after {@code tokenTtl} on the given clock.
 */
public final class IamTokenService {
    /** IAM writes microseconds, e.g. {@code 2015-11-09T01:42:57.527363Z}. */
    private static final DateTimeFormatter IAM_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final List<IamAccount> accounts;
    private final IssuedTokens tokens;
    private final Duration tokenTtl;
    private final Clock clock;
    private final AtomicInteger issued = new AtomicInteger();

    public IamTokenService(List<IamAccount> accounts, IssuedTokens tokens, Duration tokenTtl, Clock clock) {
        this.accounts = List.copyOf(accounts);
        this.tokens = tokens;
        this.tokenTtl = tokenTtl;
        this.clock = clock;
    }

    /** Answers a token request: 201 with {@code X-Subject-Token}, 400 for an unreadable body, 401 otherwise. */
    public AuthResponse createToken(byte[] requestBody) {
        JsonNode auth;
        try {
            auth = AuthResponse.JSON.readTree(requestBody).path("auth");
        } catch (IOException e) {
            return keystoneError(400, "Bad Request", "The request body is not valid JSON.");
        }
        JsonNode user = auth.path("identity").path("password").path("user");
        Optional<IamAccount> account = accounts.stream()
                .filter(a -> a.domainName().equals(user.path("domain").path("name").asText()))
                .filter(a -> a.userName().equals(user.path("name").asText()))
                .filter(a -> sameSecret(a.password(), user.path("password").asText()))
                .findFirst();
        if (account.isEmpty()) {
            return keystoneError(401, "Unauthorized", "The username or password is wrong.");
        }
        JsonNode project = auth.path("scope").path("project");
        boolean inScope = project.has("id") ? account.get().projectId().equals(project.get("id").asText())
                : account.get().projectName().equals(project.path("name").asText());
        if (!inScope) {
            return keystoneError(401, "Unauthorized", "The user has no access to the project in the scope.");
        }
        return issue(account.get());
    }

    /** How many tokens were issued so far: tests assert on it to count IAM round trips. */
    public int issuedCount() {
        return issued.get();
    }

    private AuthResponse issue(IamAccount account) {
        Instant issuedAt = clock.instant();
        Instant expiresAt = issuedAt.plus(tokenTtl);
        String token = tokens.issue(expiresAt);
        issued.incrementAndGet();
        ObjectNode body = AuthResponse.JSON.createObjectNode();
        ObjectNode tokenNode = body.putObject("token");
        tokenNode.put("expires_at", IAM_TIME.format(expiresAt)).put("issued_at", IAM_TIME.format(issuedAt));
        tokenNode.putArray("methods").add("password");
        ObjectNode project = tokenNode.putObject("project");
        project.put("id", account.projectId()).put("name", account.projectName());
        project.putObject("domain").put("name", account.domainName());
        ObjectNode user = tokenNode.putObject("user");
        user.put("name", account.userName());
        user.putObject("domain").put("name", account.domainName());
        return AuthResponse.json(201, Map.of("X-Subject-Token", token), body);
    }

    /** IAM's token API answers errors in the Keystone form {@code {"error": {code, title, message}}}. */
    private static AuthResponse keystoneError(int status, String title, String message) {
        ObjectNode body = AuthResponse.JSON.createObjectNode();
        body.putObject("error").put("code", status).put("title", title).put("message", message);
        return AuthResponse.json(status, Map.of(), body);
    }

    private static boolean sameSecret(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(UTF_8), given.getBytes(UTF_8));
    }

    @Override
    public String toString() {
        return "IamTokenService[accounts=" + accounts + ", tokenTtl=" + tokenTtl + "]";
    }
}
