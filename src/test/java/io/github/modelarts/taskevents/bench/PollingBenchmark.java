package io.github.modelarts.taskevents.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.modelarts.taskevents.demo.EmbeddedKafka;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 8: the route's speed against a hand-written baseline, on the same simulator, broker and tasks.
 * Not part of {@code mvn verify}: {@code mvn -B -q -Pbench verify} runs it and writes
 * {@code target/bench/result.json} and {@code result.md}. See docs/performance.md.
 */
class PollingBenchmark {
    private static final Path OUT = Path.of("target", "bench").toAbsolutePath();
    private static final int CONCURRENCY = 8;
    private static final List<Scenario> SCENARIOS = List.of(
            new Scenario(1_000, 2_000, 15, CONCURRENCY),
            new Scenario(10_000, 5_000, 10, CONCURRENCY));

    @Test
    void givenThousandsOfRunningTasks_whenPolledByRouteAndBaseline_thenEveryFlipIsDetectedAndReported()
            throws Exception {
        BenchReport report = new BenchReport(SimulatorCapacity.measure());
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            for (Scenario scenario : selected()) {
                Measurement baseline = new SideRun(SideRun.Side.BASELINE, scenario, kafka.bootstrapServers(),
                        OUT.resolve(scenario.name() + "-baseline")).run();
                Measurement route = new SideRun(SideRun.Side.ROUTE, scenario, kafka.bootstrapServers(),
                        OUT.resolve(scenario.name() + "-route")).run();
                report.add(scenario, route, baseline);
            }
        }
        System.out.println(report.write(OUT));
        assertThat(OUT.resolve("result.json")).content().contains("\"tasks\" : ");
    }

    /** {@code -Dbench.tasks=10000} runs only that scenario, e.g. to profile it with {@code -Dbench.jfr=true}. */
    private static List<Scenario> selected() {
        String only = System.getProperty("bench.tasks", "");
        return SCENARIOS.stream().filter(s -> only.isEmpty() || only.equals(Integer.toString(s.tasks()))).toList();
    }
}
