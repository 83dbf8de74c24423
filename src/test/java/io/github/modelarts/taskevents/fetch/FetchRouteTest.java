package io.github.modelarts.taskevents.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.modelarts.taskevents.config.Settings;
import io.github.modelarts.taskevents.simulator.Fault;
import io.github.modelarts.taskevents.simulator.ModelArtsSimulator;
import io.github.modelarts.taskevents.task.PollFailure;
import io.github.modelarts.taskevents.testsupport.FetchRouteSupport;
import io.github.modelarts.taskevents.testsupport.TaskBodies;
import io.github.modelarts.taskevents.task.TaskRef;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fetch routes against the simulator: what each kind of answer, or none, leaves in {@code fetched}. */
class FetchRouteTest extends FetchRouteSupport {
    private static final String PROJECT = "fetch-project";
    private static final String DATASET = "dsFetch";
    private static final int MAX_BODY = 4096;
    private static final ModelArtsSimulator SIMULATOR = new ModelArtsSimulator(PROJECT).start();
    private static final Settings.Http LIMITS = new Settings.Http(Duration.ofSeconds(1), Duration.ofSeconds(2), 2, 4, 0,
            MAX_BODY);

    @Override
    protected String endpoint() {
        return SIMULATOR.baseUrl();
    }

    @Override
    protected String projectId() {
        return PROJECT;
    }

    @Override
    protected Settings.Http limits() {
        return LIMITS;
    }

    @AfterAll
    static void stopSimulator() {
        SIMULATOR.close();
    }

    @AfterEach
    void clearFaults() {
        SIMULATOR.clearFaults();
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
    void givenA429WithALongRetryAfter_whenFetched_thenThrottledAtOnceInsteadOfWaitingOnEveryRetry() {
        SIMULATOR.putTask(DATASET, TaskBodies.task("tSlowDown", 1, null).toString());
        SIMULATOR.injectFault(DATASET, "tSlowDown", Fault.error(429, "ModelArts.4206", "slow down")
                .withHeader("Retry-After", "120"));
        long start = System.nanoTime();

        FetchResult fetched = fetched(fetch("tSlowDown"));

        assertThat(fetched.failure().reason()).isEqualTo("throttled");
        assertThat(fetched.attempts()).isEqualTo(1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(LIMITS.readTimeout());
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

    private Exchange fetch(String taskId) {
        return template.send("direct:fetch-task", exchange -> exchange.setVariable("task", new TaskRef(DATASET, taskId)));
    }

    private static FetchResult fetched(Exchange done) {
        return done.getVariable(FetchResult.VARIABLE, FetchResult.class);
    }
}
