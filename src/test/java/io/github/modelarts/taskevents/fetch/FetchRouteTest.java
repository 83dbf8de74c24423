package io.github.modelarts.taskevents.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.github.modelarts.taskevents.config.Settings;
import io.github.modelarts.taskevents.fetch.auth.NoAuthentication;
import io.github.modelarts.taskevents.simulator.Fault;
import io.github.modelarts.taskevents.simulator.ModelArtsSimulator;
import io.github.modelarts.taskevents.task.PollFailure;
import io.github.modelarts.taskevents.testsupport.RouteFiles;
import io.github.modelarts.taskevents.testsupport.TaskBodies;
import io.github.modelarts.taskevents.watch.TaskRef;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fetch routes against the simulator: what each kind of answer, or none, leaves in {@code fetched}. */
class FetchRouteTest extends CamelTestSupport {
    private static final String PROJECT = "fetch-project";
    private static final String DATASET = "dsFetch";
    private static final Duration READ_TIMEOUT = Duration.ofMillis(500);
    private static final int MAX_BODY = 4096;
    private static final ModelArtsSimulator SIMULATOR = new ModelArtsSimulator(PROJECT).start();
    private static final Settings.Http LIMITS = new Settings.Http(Duration.ofSeconds(1), READ_TIMEOUT, 2, 4, 0,
            MAX_BODY);

    @AfterAll
    static void stopSimulator() {
        SIMULATOR.close();
    }

    @AfterEach
    void clearFaults() {
        SIMULATOR.clearFaults();
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = new Properties();
        properties.put("modelarts.endpoint", SIMULATOR.baseUrl());
        properties.put("modelarts.project.id", PROJECT);
        properties.put("http.retries", String.valueOf(LIMITS.retries()));
        return properties;
    }

    @Override
    protected void bindToRegistry(Registry registry) throws Exception {
        NoAuthentication none = new NoAuthentication();
        registry.bind("modelArtsHttp", new HttpTransport(LIMITS, SSLContext.getDefault())
                .forModelArts(new RequestPacer(0), new RequestSigning(none), RequestListener.NONE));
        registry.bind("fetchResults", new FetchResults(LIMITS, none, Clock.systemUTC()));
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return RouteFiles.load("fetch-modelarts.camel.yaml");
    }

    @Test
    void givenARunningTask_whenFetched_thenItsBodyIsUsableAfterOneRequest() {
        SIMULATOR.putTask(DATASET, TaskBodies.task("tOk", 1, "ModelArts.4902").toString());

        Exchange done = fetch("tOk");

        assertThat(fetched(done).answered()).isTrue();
        assertThat(fetched(done).attempts()).isEqualTo(1);
        assertThat(new String(done.getMessage().getBody(byte[].class), StandardCharsets.UTF_8))
                .contains("\"task_id\":\"tOk\"");
    }

    @Test
    void givenPersistent503_whenFetched_thenRetriedAndReportedAsATransientHttpError() {
        SIMULATOR.putTask(DATASET, TaskBodies.task("t503", 1, null).toString());
        SIMULATOR.injectFault(DATASET, "t503", Fault.error(503, "ModelArts.0503", "busy"));

        PollFailure failure = fetched(fetch("t503")).failure();

        assertThat(failure.reason()).isEqualTo("http-error");
        assertThat(failure.httpStatus()).isEqualTo(503);
        assertThat(failure.errorCode()).isEqualTo("ModelArts.0503");
        assertThat(failure.isTransient()).isTrue();
        assertThat(fetched(fetch("t503")).attempts()).isEqualTo(1 + LIMITS.retries());
    }

    @Test
    void givenOne429WithRetryAfter_whenFetched_thenTheNextTryWaitsForItAndSucceeds() {
        SIMULATOR.putTask(DATASET, TaskBodies.task("t429", 1, null).toString());
        SIMULATOR.injectFault(DATASET, "t429", Fault.error(429, "ModelArts.4206", "slow down")
                .withHeader("Retry-After", "1").times(1));
        long start = System.nanoTime();

        FetchResult fetched = fetched(fetch("t429"));

        assertThat(fetched.answered()).isTrue();
        assertThat(fetched.attempts()).isEqualTo(2);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void givenMissingTask_whenFetched_thenNotFoundAfterOneRequest() {
        FetchResult fetched = fetched(fetch("tMissing"));

        assertThat(fetched.failure().reason()).isEqualTo("not-found");
        assertThat(fetched.attempts()).isEqualTo(1);
    }

    @Test
    void givenBodyLongerThanTheCap_whenFetched_thenMalformedResponseWithTheBodyCut() {
        SIMULATOR.putTask(DATASET, TaskBodies.task("tHuge", 1, null).put("message", "x".repeat(3 * MAX_BODY))
                .toString());

        PollFailure failure = fetched(fetch("tHuge")).failure();

        assertThat(failure.reason()).isEqualTo("malformed-response");
        assertThat(failure.body()).hasSizeLessThanOrEqualTo(1025);
    }

    @Test
    void givenConnectionReset_whenFetched_thenConnectionErrorAfterEveryRetry() {
        SIMULATOR.putTask(DATASET, TaskBodies.task("tReset", 1, null).toString());
        SIMULATOR.injectFault(DATASET, "tReset", Fault.connectionReset());

        FetchResult fetched = fetched(fetch("tReset"));

        assertThat(fetched.failure().reason()).isEqualTo("connection-error");
        assertThat(fetched.attempts()).isEqualTo(1 + LIMITS.retries());
    }

    @Test
    void givenAListedDataset_whenAPageIsFetched_thenItsTasksAreInTheBody() {
        SIMULATOR.putTask("dsListed", TaskBodies.task("tListed", 1, null).toString());

        Exchange done = template.send("direct:fetch-list-page", exchange -> {
            exchange.setVariable("datasetId", "dsListed");
            exchange.setVariable("type", "auto-label");
            exchange.setVariable("limit", 100);
            exchange.setVariable("page", 0);
        });

        assertThat(fetched(done).answered()).isTrue();
        assertThat(new String(done.getMessage().getBody(byte[].class), StandardCharsets.UTF_8)).contains("tListed");
    }

    /** What the simulator cannot play: a body that stops half-way while the connection stays open. */
    @Test
    void givenBodyStallsAfterTheHeaders_whenFetched_thenTimeoutSoonAfterTheReadTimeout() throws Exception {
        CountDownLatch testDone = new CountDownLatch(1);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 100);
            OutputStream body = exchange.getResponseBody();
            body.write("{\"status\":".getBytes(StandardCharsets.UTF_8));
            body.flush();
            try {
                testDone.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
        try {
            context.getPropertiesComponent().getOverrideProperties()
                    .put("modelarts.endpoint", "http://127.0.0.1:" + server.getAddress().getPort());
            long start = System.nanoTime();

            FetchResult fetched = fetched(fetch("tStalls"));

            assertThat(fetched.failure().reason()).isEqualTo("timeout");
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isLessThan(READ_TIMEOUT.multipliedBy(1 + LIMITS.retries()).plusSeconds(7));
        } finally {
            testDone.countDown();
            server.stop(0);
            context.getPropertiesComponent().getOverrideProperties().put("modelarts.endpoint", SIMULATOR.baseUrl());
        }
    }

    private Exchange fetch(String taskId) {
        return template.send("direct:fetch-task", exchange -> exchange.setVariable("task", new TaskRef(DATASET, taskId)));
    }

    private static FetchResult fetched(Exchange done) {
        return done.getVariable(FetchResult.VARIABLE, FetchResult.class);
    }
}
