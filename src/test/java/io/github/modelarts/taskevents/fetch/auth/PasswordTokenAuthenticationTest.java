package io.github.modelarts.taskevents.fetch.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.modelarts.taskevents.simulator.auth.AuthResponse;
import io.github.modelarts.taskevents.simulator.auth.IamAccount;
import io.github.modelarts.taskevents.simulator.auth.IamTokenService;
import io.github.modelarts.taskevents.simulator.auth.IssuedTokens;
import io.github.modelarts.taskevents.simulator.auth.TokenVerifier;
import io.github.modelarts.taskevents.testing.MutableClock;
import io.github.modelarts.taskevents.testsupport.SignedRequests;
import io.github.modelarts.taskevents.testsupport.CamelHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PasswordTokenAuthenticationTest {
    private static final String PASSWORD = "S3cret-Pa55word";
    private static final URI TASK = URI.create("https://modelarts.test/v2/p-0123/datasets/d1/tasks/t1");
    private static final Duration TTL = Duration.ofHours(24);
    private static final Duration MIN_RENEWAL_INTERVAL = Duration.ofMinutes(1);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T08:00:00Z"));
    private final IssuedTokens tokens = new IssuedTokens();
    private final IamTokenService service = new IamTokenService(
            List.of(new IamAccount("acme", "poller", PASSWORD, "p-0123", "eu-de")), tokens, TTL, clock);
    private final HttpClient http = HttpClient.newHttpClient();
    private IamServer iam;

    @BeforeEach
    void startIam() throws Exception {
        iam = new IamServer(service);
    }

    @AfterEach
    void stopIam() {
        iam.close();
    }

    @Test
    void givenSixteenConcurrentCallersWithoutToken_whenAuthenticating_thenOneIamCallAndOneSharedToken() {
        PasswordTokenAuthentication authentication = authentication(PASSWORD);
        Set<String> sent = ConcurrentHashMap.newKeySet();
        iam.holdRequests();

        List<Thread> callers = startThreads(16, () -> sent.add(sentToken(authentication)));
        // one caller inside the IAM call, fifteen waiting for it
        await().until(() -> iam.requests() >= 1 && allButOneParked(callers));
        iam.releaseRequests();
        joinAll(callers);

        assertThat(iam.requests()).isEqualTo(1);
        assertThat(service.issuedCount()).isEqualTo(1);
        assertThat(sent).singleElement().satisfies(token ->
                assertThat(new TokenVerifier(tokens, clock).verify(token)).isEmpty());
    }

    @Test
    void givenTokenAged23Hours_whenAuthenticating_thenRenewedBeforeItExpires() {
        PasswordTokenAuthentication authentication = authentication(PASSWORD);
        String first = sentToken(authentication);

        clock.advance(Duration.ofHours(22).plusMinutes(59));
        assertThat(sentToken(authentication)).isEqualTo(first);
        clock.advance(Duration.ofMinutes(2));
        String renewed = sentToken(authentication);

        assertThat(renewed).isNotEqualTo(first);
        assertThat(service.issuedCount()).isEqualTo(2);
        assertThat(new TokenVerifier(tokens, clock).verify(first)).as("old token still valid").isEmpty();
    }

    @Test
    void givenRenewalFailsAheadOfExpiry_whenAuthenticating_thenCurrentTokenIsKeptAndIamRetriedAfterInterval() {
        PasswordTokenAuthentication authentication = authentication(PASSWORD);
        String first = sentToken(authentication);
        clock.advance(Duration.ofHours(23).plusMinutes(30));
        iam.answerEveryRequestWith(new AuthResponse(503, Map.of(), "{}"));

        assertThat(sentToken(authentication)).isEqualTo(first);
        assertThat(sentToken(authentication)).isEqualTo(first);
        assertThat(iam.requests()).isEqualTo(2);

        clock.advance(MIN_RENEWAL_INTERVAL);
        assertThat(sentToken(authentication)).isEqualTo(first);
        assertThat(iam.requests()).isEqualTo(3);
    }

    @Test
    void givenBurstOf401s_whenRenewing_thenOneIamCallAndEveryCallerMayRetry() {
        PasswordTokenAuthentication authentication = authentication(PASSWORD);
        String rejected = sentToken(authentication);
        clock.advance(Duration.ofHours(1));
        Set<Boolean> answers = ConcurrentHashMap.newKeySet();
        iam.holdRequests();

        List<Thread> callers = startThreads(16, () -> answers.add(authentication.renewAfterUnauthorized()));
        await().until(() -> iam.requests() >= 2 && allButOneParked(callers));
        iam.releaseRequests();
        joinAll(callers);

        assertThat(answers).containsExactly(true);
        assertThat(service.issuedCount()).isEqualTo(2);
        assertThat(sentToken(authentication)).isNotEqualTo(rejected);
    }

    @Test
    void givenPersistent401s_whenRenewingRepeatedly_thenIamCalledAtMostOncePerMinimumInterval() {
        PasswordTokenAuthentication authentication = authentication(PASSWORD);
        sentToken(authentication);
        clock.advance(MIN_RENEWAL_INTERVAL);

        for (int i = 0; i < 45; i++) {
            authentication.renewAfterUnauthorized();
            clock.advance(Duration.ofSeconds(2));
        }

        assertThat(service.issuedCount()).as("first token, then renewals 0 s and 60 s into 90 s of 401s")
                .isEqualTo(3);
    }

    @Test
    void givenWrongPassword_whenAuthenticating_thenClearErrorWithoutPasswordAndIamNotHammered() {
        PasswordTokenAuthentication authentication = authentication("wrong-" + PASSWORD);

        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> sentToken(authentication))
                    .isInstanceOf(IamAuthenticationException.class)
                    .hasMessageContaining("HTTP 401 (Unauthorized: The username or password is wrong.)")
                    .hasMessageNotContaining(PASSWORD);
        }
        assertThat(authentication.renewAfterUnauthorized()).isFalse();
        assertThat(iam.requests()).isEqualTo(1);

        clock.advance(MIN_RENEWAL_INTERVAL);
        assertThatThrownBy(() -> sentToken(authentication)).isInstanceOf(IamAuthenticationException.class);
        assertThat(iam.requests()).isEqualTo(2);
    }

    @Test
    void givenRenewalAfter401Fails_whenAuthenticating_thenRejectedTokenIsNotSentAgain() {
        PasswordTokenAuthentication authentication = authentication(PASSWORD);
        sentToken(authentication);
        clock.advance(MIN_RENEWAL_INTERVAL);
        iam.answerEveryRequestWith(new AuthResponse(503, Map.of(), "{}"));

        assertThat(authentication.renewAfterUnauthorized()).isFalse();

        assertThatThrownBy(() -> sentToken(authentication)).hasMessageContaining("HTTP 503");
        assertThat(iam.requests()).isEqualTo(2);
    }

    private PasswordTokenAuthentication authentication(String password) {
        IamTokenClient client = new IamTokenClient(CamelHttp.templates(), iam.endpoint(),
                new IamPasswordCredentials("poller", password, "acme", null, "eu-de"), clock);
        return new PasswordTokenAuthentication(client, clock, PasswordTokenAuthentication.DEFAULT_RENEW_MARGIN,
                MIN_RENEWAL_INTERVAL);
    }

    private static String sentToken(PasswordTokenAuthentication authentication) {
        HttpRequest.Builder request = HttpRequest.newBuilder(TASK).GET();
        SignedRequests.authenticate(authentication, request, "GET", TASK, new byte[0]);
        return request.build().headers().firstValue("X-Auth-Token").orElseThrow();
    }

    private static List<Thread> startThreads(int count, Supplier<Boolean> work) {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Thread thread = new Thread(work::get, "caller-" + i);
            thread.start();
            threads.add(thread);
        }
        return threads;
    }

    /** One caller is inside the IAM call, reading its answer from a socket; every other one waits for it. */
    private static boolean allButOneParked(List<Thread> threads) {
        return threads.stream().filter(thread -> thread.getState() == Thread.State.WAITING).count()
                == threads.size() - 1;
    }

    private static void joinAll(List<Thread> threads) {
        threads.forEach(thread -> {
            try {
                thread.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
