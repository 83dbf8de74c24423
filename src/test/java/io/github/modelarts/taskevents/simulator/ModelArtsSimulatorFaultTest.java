package io.github.modelarts.taskevents.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ModelArtsSimulatorFaultTest {
    private static final String TASK = "{\"task_id\":\"t1\",\"status\":1,\"code\":\"ModelArts.4902\",\"progress\":10.0}";
    private static final String PATH = "/v2/p1/datasets/ds1/tasks/t1";

    private ModelArtsSimulator simulator;
    private SimulatorHttp http;

    @BeforeEach
    void start() {
        simulator = new ModelArtsSimulator("p1").start();
        simulator.putTask("ds1", TASK);
        simulator.putTask("ds1", "{\"task_id\":\"t2\",\"status\":3}");
        http = new SimulatorHttp(simulator);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void givenThrottlingFault_whenGet_then429WithRetryAfterAndErrorBody() throws Exception {
        simulator.injectFault("ds1", "t1", Fault.error(429, "ModelArts.4206", "Excessive number of requests to task")
                .withHeader("Retry-After", "2"));

        var response = http.get(PATH);

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(response.body()).isEqualTo(
                "{\"error_code\":\"ModelArts.4206\",\"error_msg\":\"Excessive number of requests to task\"}");
    }

    @Test
    void givenStatusFaultWithContentType_whenGet_thenThatBodyAndType() throws Exception {
        simulator.injectFault("ds1", "t1", Fault.status(502, "<html>Bad Gateway</html>").withContentType("text/html"));

        var response = http.get(PATH);

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html");
        assertThat(response.body()).isEqualTo("<html>Bad Gateway</html>");
    }

    @Test
    void givenFaultForTwoRequests_whenGetThreeTimes_thenThirdAnswersNormally() throws Exception {
        simulator.injectFault("ds1", "t1", Fault.error(503, "ModelArts.4700", "Platform upgrading").times(2));

        assertThat(http.get(PATH).statusCode()).isEqualTo(503);
        assertThat(http.get(PATH).statusCode()).isEqualTo(503);
        assertThat(http.get(PATH).statusCode()).isEqualTo(200);
    }

    @Test
    void givenQueuedFaults_whenGet_thenPlayedInInjectionOrder() throws Exception {
        simulator.injectFault("ds1", "t1", Fault.error(503, "ModelArts.4700", "Platform upgrading").times(1));
        simulator.injectFault("ds1", "t1", Fault.error(429, "APIG.0308", "The throttling threshold has been reached")
                .times(1));

        assertThat(http.get(PATH).statusCode()).isEqualTo(503);
        assertThat(http.get(PATH).statusCode()).isEqualTo(429);
        assertThat(http.get(PATH).statusCode()).isEqualTo(200);
    }

    @Test
    void givenFaultWithoutCount_whenCleared_thenNormalAgain() throws Exception {
        simulator.injectFault("ds1", "t1", Fault.error(500, "ModelArts.0010", "Internal error."));
        assertThat(http.get(PATH).statusCode()).isEqualTo(500);
        assertThat(http.get(PATH).statusCode()).isEqualTo(500);

        simulator.clearFaults();

        assertThat(http.get(PATH).statusCode()).isEqualTo(200);
    }

    @Test
    void givenTaskFault_whenOtherTaskRequested_thenOtherTaskUnaffected() throws Exception {
        simulator.injectFault("ds1", "t1", Fault.error(500, "ModelArts.0010", "Internal error."));

        assertThat(http.get("/v2/p1/datasets/ds1/tasks/t2").statusCode()).isEqualTo(200);
    }

    @Test
    void givenGlobalAndTaskFaults_whenRequested_thenTaskFaultFirstThenGlobal() throws Exception {
        simulator.injectGlobalFault(Fault.error(503, "ModelArts.4302", "Gateway forwarding error"));
        simulator.injectFault("ds1", "t1", Fault.error(429, "ModelArts.4206", "Excessive requests").times(1));

        assertThat(http.get(PATH).statusCode()).isEqualTo(429);
        assertThat(http.get(PATH).statusCode()).isEqualTo(503);
        assertThat(http.get("/v2/p1/datasets/ds1/tasks/t2").statusCode()).isEqualTo(503);
        assertThat(http.get("/v2/p1/datasets/ds1/tasks").statusCode()).isEqualTo(503);
    }

    @Test
    void givenListFaultAndGlobalFault_whenRequested_thenListCallsGetTheirOwnAndTaskGetsTheGlobal() throws Exception {
        simulator.injectGlobalFault(Fault.error(503, "ModelArts.4302", "Gateway forwarding error"));
        simulator.injectFault(RequestKind.TASK_LIST, Fault.error(429, "ModelArts.4206", "Excessive requests").times(1));
        simulator.injectFault("ds1", "t1", Fault.error(500, "ModelArts.0010", "Internal error.").times(1));

        assertThat(http.get("/v2/p1/datasets/ds1/tasks").statusCode()).isEqualTo(429);
        assertThat(http.get("/v2/p1/datasets/ds1/tasks").statusCode()).isEqualTo(503);
        assertThat(http.get(PATH).statusCode()).isEqualTo(500);
        assertThat(http.get(PATH).statusCode()).isEqualTo(503);
    }

    @Test
    void givenListFault_whenTaskRequested_thenTaskAnswersNormallyUntilTheFaultIsCleared() throws Exception {
        simulator.injectFault(RequestKind.TASK_LIST, Fault.error(503, "ModelArts.4700", "Platform upgrading"));

        assertThat(http.get(PATH).statusCode()).isEqualTo(200);
        assertThat(http.get("/v2/p1/datasets/ds1/tasks").statusCode()).isEqualTo(503);

        simulator.clearFaults();
        assertThat(http.get("/v2/p1/datasets/ds1/tasks").statusCode()).isEqualTo(200);
    }

    @Test
    void givenLatencyFault_whenGet_thenNormalAnswerAfterTheDelay() throws Exception {
        simulator.injectFault("ds1", "t1", Fault.latency(Duration.ofMillis(300)));

        long start = System.nanoTime();
        var response = http.get(PATH);
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(elapsedMillis).isGreaterThanOrEqualTo(300);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(SimulatorHttp.json(response.body())).isEqualTo(SimulatorHttp.json(TASK));
    }

    @Test
    void givenSlowTask_whenOtherTaskRequested_thenAnsweredWithoutWaiting() throws Exception {
        simulator.injectFault("ds1", "t1", Fault.latency(Duration.ofSeconds(3)));
        HttpClient client = HttpClient.newHttpClient();
        CompletableFuture<HttpResponse<String>> slow = client.sendAsync(
                HttpRequest.newBuilder(URI.create(simulator.baseUrl() + PATH)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(http.get("/v2/p1/datasets/ds1/tasks/t2").statusCode()).isEqualTo(200);
        assertThat(slow).isNotDone();
        assertThat(slow.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    @Test
    void givenLatencyAndStatus_whenGet_thenStatusAfterTheDelay() throws Exception {
        simulator.injectFault("ds1", "t1", Fault.error(504, "ModelArts.4503", "Backend timeout")
                .withLatency(Duration.ofMillis(200)));

        long start = System.nanoTime();
        int status = http.get(PATH).statusCode();

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(200);
        assertThat(status).isEqualTo(504);
    }

    @Test
    void givenConnectionReset_whenGet_thenNoAnswerUntilCleared() throws Exception {
        simulator.injectFault("ds1", "t1", Fault.connectionReset());

        assertThatThrownBy(() -> http.get(PATH)).isInstanceOf(IOException.class);

        simulator.clearFaults();
        assertThat(http.get(PATH).statusCode()).isEqualTo(200);
    }

    @Test
    void givenTruncatedBody_whenGet_thenClientSeesTheConnectionEndEarly() {
        simulator.injectFault("ds1", "t1", Fault.truncatedBody());

        assertThatThrownBy(() -> http.get(PATH)).isInstanceOf(IOException.class);
    }

    @Test
    void givenMalformedBody_whenGet_then200WithHalfTheJson() throws Exception {
        simulator.injectFault("ds1", "t1", Fault.malformedBody().times(1));

        var response = http.get(PATH);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(TASK).startsWith(response.body());
        assertThat(response.body()).hasSize(TASK.length() / 2);
        assertThatThrownBy(() -> SimulatorHttp.json(response.body())).isInstanceOf(JsonProcessingException.class);
        assertThat(http.get(PATH).body()).isEqualTo(TASK);
    }

    @Test
    void givenInvalidFaults_whenBuilt_thenRejected() {
        assertThatThrownBy(() -> Fault.connectionReset().times(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fault.latency(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fault.truncatedBody().withContentType("text/plain"))
                .isInstanceOf(IllegalStateException.class);
    }
}
