package io.github.modelarts.taskevents.simulator.auth;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.Headers;
import io.github.modelarts.taskevents.simulator.RequestGate;
import io.github.modelarts.taskevents.simulator.SimulatorResponse;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Cloud authentication in front of the simulator. It serves IAM's {@code POST /v3/auth/tokens} on the
 * simulator's own base URL (so {@code MODELARTS_IAM_ENDPOINT} can point there) and lets an API request through
 * only with a valid {@code X-Auth-Token} or {@code SDK-HMAC-SHA256} signature, answering 401 the way ModelArts
 * (tokens) and its API gateway (signatures) do. Which auth modes succeed follows from what it was given:
 * accounts for {@code password}, {@link #issueToken()} for {@code token}, key pairs for {@code aksk}.
 */
public final class AuthGate implements RequestGate {
    private static final String TOKENS_PATH = "/v3/auth/tokens";

    private final IamTokenService iam;
    private final IssuedTokens tokens;
    private final TokenVerifier tokenVerifier;
    private final AkSkVerifier akSkVerifier;
    private final Duration tokenTtl;
    private final Clock clock;
    private final AtomicInteger iamRequests = new AtomicInteger();

    private AuthGate(Builder builder) {
        this.tokens = new IssuedTokens();
        this.iam = new IamTokenService(builder.accounts, tokens, builder.tokenTtl, builder.clock);
        this.tokenVerifier = new TokenVerifier(tokens, builder.clock);
        this.akSkVerifier = new AkSkVerifier(builder.secretKeys, builder.clock);
        this.tokenTtl = builder.tokenTtl;
        this.clock = builder.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Optional<SimulatorResponse> check(String method, URI uri, Headers headers, byte[] body) {
        if (TOKENS_PATH.equals(uri.getPath()) && "POST".equals(method)) {
            iamRequests.incrementAndGet();
            return Optional.of(toSimulator(iam.createToken(body)));
        }
        String authorization = headers.getFirst("Authorization");
        Optional<AuthResponse> rejection = authorization != null && authorization.startsWith("SDK-HMAC-SHA256")
                ? akSkVerifier.verify(method, uri, headers, body)
                : tokenVerifier.verify(headers.getFirst("X-Auth-Token"));
        return rejection.map(AuthGate::toSimulator);
    }

    /** A ready token valid for the token TTL from now, as if fetched from IAM by someone else: auth mode token. */
    public String issueToken() {
        return tokens.issue(clock.instant().plus(tokenTtl));
    }

    /** Requests to {@code POST /v3/auth/tokens}, answered or refused: IAM round trips of a client. */
    public int iamRequestCount() {
        return iamRequests.get();
    }

    private static SimulatorResponse toSimulator(AuthResponse answer) {
        Map<String, String> headers = new HashMap<>(answer.headers());
        String contentType = headers.remove("Content-Type");
        return new SimulatorResponse(answer.status(), contentType, headers, answer.body().getBytes(UTF_8));
    }

    @Override
    public String toString() {
        return "AuthGate[" + iam + ", " + akSkVerifier + "]";
    }

    /** What the simulated cloud knows; nothing by default, so every API request is refused. */
    public static final class Builder {
        private final List<IamAccount> accounts = new ArrayList<>();
        private final Map<String, String> secretKeys = new HashMap<>();
        private Duration tokenTtl = Duration.ofHours(24);
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** A user IAM issues tokens to: auth mode password. */
        public Builder account(IamAccount account) {
            accounts.add(Objects.requireNonNull(account, "account"));
            return this;
        }

        /** A key pair the gateway accepts signatures of: auth mode aksk. */
        public Builder accessKey(String accessKey, String secretKey) {
            secretKeys.put(Objects.requireNonNull(accessKey, "accessKey"), Objects.requireNonNull(secretKey, "sk"));
            return this;
        }

        /** How long tokens live; IAM's are valid 24 h, a short one lets a test see them renewed. */
        public Builder tokenTtl(Duration ttl) {
            this.tokenTtl = Objects.requireNonNull(ttl, "ttl");
            return this;
        }

        /** The clock of token expiry and signature dates, so tests drive time instead of waiting for it. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public AuthGate build() {
            return new AuthGate(this);
        }
    }
}
