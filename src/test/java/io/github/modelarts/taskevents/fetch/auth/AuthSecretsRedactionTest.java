package io.github.modelarts.taskevents.fetch.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.github.modelarts.taskevents.simulator.auth.AkSkVerifier;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Drives every auth class through success and failure, then looks for secrets wherever text comes out. */
class AuthSecretsRedactionTest {
    private static final String PASSWORD = "pw-Secret-4711";
    private static final String SECRET_KEY = "sk-Secret-0815";
    private static final String SECURITY_TOKEN = "sts-Secret-1234";
    private static final URI TASK = URI.create("https://modelarts.test/v2/p1/datasets/d1/tasks/t1");
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T08:00:00Z"));
    private final IssuedTokens tokens = new IssuedTokens();
    private final IamAccount account = new IamAccount("acme", "poller", PASSWORD, "p1", "eu-de");
    private final IamTokenService service = new IamTokenService(List.of(account), tokens, Duration.ofHours(24), clock);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger projectLogger = (Logger) LoggerFactory.getLogger("io.github.modelarts.taskevents");
    private final List<String> secrets = new ArrayList<>(List.of(PASSWORD, SECRET_KEY, SECURITY_TOKEN));
    private final List<Object> texts = new ArrayList<>();
    private IamServer iam;

    @BeforeEach
    void captureLogsAtTrace() throws Exception {
        logs.start();
        projectLogger.addAppender(logs);
        projectLogger.setLevel(Level.TRACE);
        iam = new IamServer(service);
    }

    @AfterEach
    void restore() {
        iam.close();
        projectLogger.detachAppender(logs);
        projectLogger.setLevel(null);
    }

    @Test
    void givenAllAuthFlows_whenTheyRunAndFail_thenNoSecretInToStringExceptionOrLog() {
        runAkSkFlows();
        runPasswordFlows();
        logs.list.forEach(event -> {
            texts.add(event.getFormattedMessage());
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                texts.add(t.getMessage());
            }
        });

        assertThat(logs.list).as("the flows log something to look at").isNotEmpty();
        assertThat(secrets).hasSizeGreaterThanOrEqualTo(6);
        texts.stream().map(String::valueOf).forEach(text ->
                assertThat(text).doesNotContain(secrets.toArray(String[]::new)));
    }

    private void runAkSkFlows() {
        AkSkCredentials credentials = new AkSkCredentials("AKEXAMPLE", SECRET_KEY, SECURITY_TOKEN);
        AkSkAuthentication authentication = new AkSkAuthentication(credentials, "p1", clock);
        HttpRequest.Builder request = HttpRequest.newBuilder(TASK).GET();
        SignedRequests.authenticate(authentication, request, "GET", TASK, new byte[0]);
        String authorization = request.build().headers().firstValue("Authorization").orElseThrow();
        secrets.add(authorization.substring(authorization.indexOf("Signature=") + "Signature=".length()));
        AkSkVerifier verifier = new AkSkVerifier(Map.of("AKEXAMPLE", SECRET_KEY), clock);
        Map<String, List<String>> received = new HashMap<>(request.build().headers().map());
        received.put("Host", List.of("modelarts.test"));
        assertThat(verifier.verify("GET", URI.create(TASK.getRawPath()), received, new byte[0])).isEmpty();
        texts.add(verifier.verify("DELETE", URI.create(TASK.getRawPath()), received, new byte[0]).orElseThrow());
        texts.addAll(List.of(credentials, authentication, new AkSkSigner(credentials, clock), verifier));
        texts.add(catchThrowable(() -> new AkSkCredentials("AK", " ")).getMessage());
    }

    private void runPasswordFlows() {
        PasswordTokenAuthentication authentication = passwordAuthentication(PASSWORD);
        secrets.add(sentToken(authentication));
        clock.advance(Duration.ofMinutes(5));
        authentication.renewAfterUnauthorized();
        secrets.add(sentToken(authentication));
        clock.advance(Duration.ofHours(23).plusMinutes(30));
        iam.answerEveryRequestWith(new AuthResponse(503, Map.of(), "{\"error_code\":\"X.1\",\"error_msg\":\"busy\"}"));
        sentToken(authentication);
        iam.answerEveryRequestWith(null);
        texts.add(authentication);
        texts.add(catchThrowable(() -> sentToken(passwordAuthentication("wrong-" + PASSWORD))).getMessage());

        AuthResponse created = service.createToken(("{\"auth\":{\"identity\":{\"password\":{\"user\":{\"name\":"
                + "\"poller\",\"password\":\"" + PASSWORD + "\",\"domain\":{\"name\":\"acme\"}}}},"
                + "\"scope\":{\"project\":{\"id\":\"p1\"}}}}").getBytes());
        secrets.add(created.headers().get("X-Subject-Token"));
        texts.addAll(List.of(created, account, service, tokens, new TokenVerifier(tokens, clock),
                new IamPasswordCredentials("poller", PASSWORD, "acme", "p1", null)));
    }

    private PasswordTokenAuthentication passwordAuthentication(String password) {
        IamTokenClient client = new IamTokenClient(CamelHttp.templates(), iam.endpoint(),
                new IamPasswordCredentials("poller", password, "acme", null, "eu-de"), clock);
        texts.add(client);
        return new PasswordTokenAuthentication(client, clock, Duration.ofHours(1), Duration.ofMinutes(1));
    }

    private static String sentToken(PasswordTokenAuthentication authentication) {
        HttpRequest.Builder request = HttpRequest.newBuilder(TASK).GET();
        SignedRequests.authenticate(authentication, request, "GET", TASK, new byte[0]);
        return request.build().headers().firstValue("X-Auth-Token").orElseThrow();
    }
}
