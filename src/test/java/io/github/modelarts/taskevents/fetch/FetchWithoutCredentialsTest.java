package io.github.modelarts.taskevents.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.modelarts.taskevents.config.Settings;
import io.github.modelarts.taskevents.fetch.auth.IamAuthenticationException;
import io.github.modelarts.taskevents.fetch.auth.RequestAuthenticator;
import io.github.modelarts.taskevents.simulator.ModelArtsSimulator;
import io.github.modelarts.taskevents.task.PollFailure;
import io.github.modelarts.taskevents.task.TaskRef;
import io.github.modelarts.taskevents.testsupport.FetchBeans;
import io.github.modelarts.taskevents.testsupport.RouteFiles;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * No IAM token to send: the API is not asked. IAM refusing the credentials is final; IAM away is an outage,
 * transient, so that it is reported once it persists (POLL_ERROR_THRESHOLD) like an outage of the API.
 */
class FetchWithoutCredentialsTest extends CamelTestSupport {
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
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        return FetchBeans.properties(SIMULATOR.baseUrl(), "p1", LIMITS);
    }

    @Override
    protected void bindToRegistry(Registry registry) throws Exception {
        RequestAuthenticator iamWithoutToken = new RequestAuthenticator() {
            @Override
            public Map<String, String> headersFor(String method, URI uri, Map<String, String> headers, byte[] body) {
                throw new IamAuthenticationException("IAM answered " + iamStatus.get(), iamStatus.get(), null);
            }
        };
        FetchBeans.bind(registry, LIMITS, iamWithoutToken);
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return RouteFiles.load("fetch-modelarts.camel.yaml");
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
