package io.github.modelarts.taskevents.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.modelarts.taskevents.config.Settings;
import io.github.modelarts.taskevents.fetch.auth.IamAuthenticationException;
import io.github.modelarts.taskevents.fetch.auth.RequestAuthenticator;
import io.github.modelarts.taskevents.simulator.ModelArtsSimulator;
import io.github.modelarts.taskevents.task.PollFailure;
import io.github.modelarts.taskevents.task.TaskRef;
import io.github.modelarts.taskevents.testsupport.FetchRouteSupport;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * No IAM token to send: the API is not asked. IAM refusing the credentials is final; IAM away is an outage,
 * transient, so that it is reported once it persists (POLL_ERROR_THRESHOLD) like an outage of the API.
 */
class FetchWithoutCredentialsTest extends FetchRouteSupport {
    private static final Settings.Http LIMITS = new Settings.Http(Duration.ofSeconds(1), Duration.ofSeconds(1), 0, 2,
            0, 1024);
    /** Connected to, but never asked: the request fails as it is being signed. */
    private static final ModelArtsSimulator SIMULATOR = new ModelArtsSimulator("p1").start();
    private final AtomicInteger iamStatus = new AtomicInteger();

    @AfterAll
    static void stopSimulator() {
        SIMULATOR.close();
    }

    @Override
    protected String endpoint() {
        return SIMULATOR.baseUrl();
    }

    @Override
    protected String projectId() {
        return "p1";
    }

    @Override
    protected Settings.Http limits() {
        return LIMITS;
    }

    @Override
    protected RequestAuthenticator authenticator() {
        return new RequestAuthenticator() {
            @Override
            public Map<String, String> headersFor(String method, URI uri, Map<String, String> headers, byte[] body) {
                throw new IamAuthenticationException("IAM answered " + iamStatus.get(), iamStatus.get(), null);
            }
        };
    }

    @Test
    void givenIamAway_whenFetched_thenATransientUnauthorized() {
        iamStatus.set(503);

        PollFailure failure = fetch();

        assertThat(failure.reason()).isEqualTo("unauthorized");
        assertThat(failure.isTransient()).isTrue();
    }

    @Test
    void givenIamRefusingTheCredentials_whenFetched_thenAFinalUnauthorized() {
        iamStatus.set(401);

        PollFailure failure = fetch();

        assertThat(failure.reason()).isEqualTo("unauthorized");
        assertThat(failure.isTransient()).isFalse();
        assertThat(failure.errorMsg()).isEqualTo("IAM answered 401");
    }

    private PollFailure fetch() {
        return template.send("direct:fetch-task", exchange -> exchange.setVariable("task", new TaskRef("ds", "t")))
                .getVariable(FetchResult.VARIABLE, FetchResult.class).failure();
    }
}
