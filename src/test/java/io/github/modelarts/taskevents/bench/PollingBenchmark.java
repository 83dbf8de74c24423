package io.github.modelarts.taskevents.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.modelarts.taskevents.demo.EmbeddedKafka;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Issues 8 and 12: the route's speed against a hand-written baseline, on the same simulator, broker and tasks,
 * in route and baseline windows that alternate, so that a change of load on the machine hits both sides.
 * Not part of {@code mvn verify}: {@code mvn -B -q -Pbench verify} runs it and writes
 * {@code target/bench/result.json} and {@code result.md}. See docs/performance.md.
 */
class PollingBenchmark {
    private static final Path OUT = Path.of("target", "bench").toAbsolutePath();
    private static final int CONCURRENCY = 8;
    /** From this many tasks on, a cycle needs more than 2 s. */
    private static final int LARGE = 5_000;

    @Test
    void givenThousandsOfRunningTasks_whenPolledByRouteAndBaseline_thenEveryFlipIsDetectedAndReported()
            throws Exception {
        BenchReport report = new BenchReport(SimulatorCapacity.measure());
        int pairs = Integer.getInteger("bench.pairs", 3);
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            for (Scenario scenario : selected()) {
                List<Measurement> routes = new ArrayList<>();
                List<Measurement> baselines = new ArrayList<>();
                for (int pair = 1; pair <= pairs; pair++) {
                    routes.add(new SideRun(SideRun.Side.ROUTE, scenario, kafka.bootstrapServers(),
                            OUT.resolve(scenario.name() + "-" + pair + "-route")).run());
                    baselines.add(new SideRun(SideRun.Side.BASELINE, scenario, kafka.bootstrapServers(),
                            OUT.resolve(scenario.name() + "-" + pair + "-baseline")).run());
                }
                report.add(scenario, routes, baselines);
            }
        }
        System.out.println(report.write(OUT));
        assertThat(OUT.resolve("result.json")).content().contains("\"ratio_min\" : ");
    }

    /**
     * 1,000 and 10,000 tasks, or only {@code -Dbench.tasks}; {@code -Dbench.scenario=static|discovery|both}
     * (default both); {@code -Dbench.cycles} measured cycles per window (at least 3).
     */
    private static List<Scenario> selected() {
        String only = System.getProperty("bench.tasks", "");
        List<Integer> sizes = only.isEmpty() ? List.of(1_000, 10_000) : List.of(Integer.parseInt(only));
        String wanted = System.getProperty("bench.scenario", "both").toLowerCase(Locale.ROOT);
        List<Scenario.Source> sources = Arrays.stream(Scenario.Source.values())
                .filter(source -> wanted.equals("both") || wanted.equals(source.label())).toList();
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("bench.scenario must be static, discovery or both: " + wanted);
        }
        List<Scenario> scenarios = new ArrayList<>();
        for (Scenario.Source source : sources) {
            for (int tasks : sizes) {
                int cycles = Integer.getInteger("bench.cycles", tasks >= LARGE ? 10 : 15);
                if (cycles < 3) {
                    // the flips need a cycle to happen in and two to be seen before the window ends
                    throw new IllegalArgumentException("bench.cycles must be at least 3: " + cycles);
                }
                scenarios.add(new Scenario(source, tasks, tasks >= LARGE ? 5_000 : 2_000, cycles, CONCURRENCY));
            }
        }
        return scenarios;
    }
}
