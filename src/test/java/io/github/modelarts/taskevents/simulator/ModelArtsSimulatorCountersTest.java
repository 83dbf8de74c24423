package io.github.modelarts.taskevents.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ModelArtsSimulatorCountersTest {
    private ModelArtsSimulator simulator;
    private SimulatorHttp http;

    @BeforeEach
    void start() {
        simulator = new ModelArtsSimulator("p1").start();
        simulator.putTask("ds1", "{\"task_id\":\"t1\",\"status\":1}");
        http = new SimulatorHttp(simulator);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void givenMixedRequests_whenCounted_thenTotalPerKindAndPerTask() throws Exception {
        simulator.injectFault("ds1", "t1", Fault.error(503, "ModelArts.4700", "Platform upgrading").times(1));
        http.get("/v2/p1/datasets/ds1/tasks/t1");
        http.get("/v2/p1/datasets/ds1/tasks/t1");
        http.get("/v2/other/datasets/ds1/tasks/t1");
        http.get("/v2/p1/datasets/ds1/tasks/missing");
        http.get("/v2/p1/datasets/ds1/tasks");
        http.get("/v2/p1/datasets/ds1/tasks?limit=5&offset=1");
        http.get("/health");

        assertThat(simulator.requestCount()).isEqualTo(7);
        assertThat(simulator.requestCount(RequestKind.TASK)).isEqualTo(4);
        assertThat(simulator.requestCount(RequestKind.TASK_LIST)).isEqualTo(2);
        assertThat(simulator.requestCount(RequestKind.OTHER)).isEqualTo(1);
        assertThat(simulator.taskRequestCount("ds1", "t1")).isEqualTo(3);
        assertThat(simulator.taskRequestCount("ds1", "missing")).isEqualTo(1);
        assertThat(simulator.taskRequestCount("ds1", "never")).isZero();
    }

    @Test
    void givenCountedRequests_whenReset_thenAllZero() throws Exception {
        http.get("/v2/p1/datasets/ds1/tasks/t1");
        http.get("/v2/p1/datasets/ds1/tasks");

        simulator.resetCounters();

        assertThat(simulator.requestCount()).isZero();
        assertThat(simulator.requestCount(RequestKind.TASK)).isZero();
        assertThat(simulator.requestCount(RequestKind.TASK_LIST)).isZero();
        assertThat(simulator.taskRequestCount("ds1", "t1")).isZero();
        http.get("/v2/p1/datasets/ds1/tasks/t1");
        assertThat(simulator.taskRequestCount("ds1", "t1")).isEqualTo(1);
    }
}
