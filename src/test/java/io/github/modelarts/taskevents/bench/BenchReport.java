package io.github.modelarts.taskevents.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Writes the runs as {@code result.json} (a list, one object per scenario) and {@code result.md} (a table). */
final class BenchReport {
    /**
     * The goals at 10,000 tasks: polls per second and processor time per poll relative to the baseline's, GC's share
     * of the window, peak RSS, detection within one interval plus a slack, and the first start.
     */
    static final double TARGET_RATIO = 0.9;
    static final double TARGET_CPU_RATIO = 1.15;
    static final double TARGET_GC_PCT = 5;
    static final long TARGET_RSS_MB = 300;
    static final long TARGET_DETECTION_SLACK_MS = 250;
    static final double TARGET_FIRST_START_S = 15;

    private final double simulatorCapacity;
    private final List<Map<String, Object>> rows = new ArrayList<>();

    BenchReport(double simulatorCapacity) {
        this.simulatorCapacity = simulatorCapacity;
    }

    /**
     * One scenario's window pairs, route and baseline run one after the other. The ratio is the median of the
     * pairs' ratios; the other figures are those of the pair whose ratio is the median (the lower of the two
     * middle ones for an even number of pairs); every window's own figures are under {@code windows}.
     */
    void add(Scenario scenario, List<Measurement> routes, List<Measurement> baselines) {
        List<Integer> byRatio = IntStream.range(0, routes.size()).boxed()
                .sorted(Comparator.comparingDouble(i -> ratio(routes.get(i), baselines.get(i)))).toList();
        double[] ratios = byRatio.stream().mapToDouble(i -> ratio(routes.get(i), baselines.get(i))).toArray();
        int n = ratios.length;
        double ratio = (ratios[(n - 1) / 2] + ratios[n / 2]) / 2;
        Measurement route = routes.get(byRatio.get((n - 1) / 2));
        Measurement baseline = baselines.get(byRatio.get((n - 1) / 2));
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("scenario", scenario.source().label());
        row.put("tasks", scenario.tasks());
        row.put("datasets", scenario.source().datasets());
        row.put("poll_interval_ms", scenario.intervalMs());
        row.put("measured_cycles", scenario.measuredCycles());
        row.put("concurrency", scenario.concurrency());
        row.put("pairs", n);
        row.put("route_polls_per_s", Math.round(route.pollsPerSecond()));
        row.put("baseline_polls_per_s", Math.round(baseline.pollsPerSecond()));
        row.put("ratio", round2(ratio));
        row.put("ratio_min", round2(ratios[0]));
        row.put("ratio_max", round2(ratios[n - 1]));
        row.put("cpu_us_per_poll", pair("route", Math.round(route.cpuMicrosPerPoll()),
                "baseline", Math.round(baseline.cpuMicrosPerPoll())));
        row.put("cpu_us_per_poll_without_jit", pair("route", Math.round(route.cpuMicrosPerPollWithoutJit()),
                "baseline", Math.round(baseline.cpuMicrosPerPollWithoutJit())));
        row.put("gc_time_pct", round2(route.gcTimePercent()));
        row.put("route_xmx_mb", SideRun.routeXmxMb());
        row.put("first_start_s", route.firstStartMillis() / 1000.0);
        if (scenario.source() == Scenario.Source.DISCOVERY) {
            row.put("list_requests_per_cycle", Math.round(route.listRequestsPerCycle() * 10) / 10.0);
        }
        row.put("cycle_ms", pair("p50", route.cycleP50(), "p99", route.cycleP99()));
        row.put("baseline_cycle_ms", pair("p50", baseline.cycleP50(), "p99", baseline.cycleP99()));
        row.put("flips", route.flips());
        row.put("p50_detection_ms", route.detectionP50());
        row.put("p99_detection_ms", route.detectionP99());
        row.put("baseline_p99_detection_ms", baseline.detectionP99());
        row.put("route_peak_rss_mb", Math.round(route.peakRssMb()));
        row.put("route_peak_heap_mb", route.heap().peakMb());
        row.put("route_live_heap_mb", route.heap().liveMb());
        row.put("route_cpu_s", round1(route.cpuSeconds()));
        row.put("baseline_peak_rss_mb", Math.round(baseline.peakRssMb()));
        row.put("baseline_cpu_s", round1(baseline.cpuSeconds()));
        row.put("route_warm_up_s", route.warmUpMillis() / 1000.0);
        row.put("http_requests", route.httpRequests());
        row.put("baseline_http_requests", baseline.httpRequests());
        row.put("simulator_capacity_gets_per_s", Math.round(simulatorCapacity));
        row.put("route_load_average", route.loadAverage());
        row.put("baseline_load_average", baseline.loadAverage());
        List<String> missed = new ArrayList<>();
        if (ratio < TARGET_RATIO) {
            missed.add("ratio");
        }
        if (route.cpuMicrosPerPoll() > TARGET_CPU_RATIO * baseline.cpuMicrosPerPoll()) {
            missed.add("CPU");
        }
        if (route.gcTimePercent() >= TARGET_GC_PCT) {
            missed.add("GC");
        }
        if (route.peakRssMb() > TARGET_RSS_MB) {
            missed.add("RSS");
        }
        if (route.detectionP99() > scenario.intervalMs() + TARGET_DETECTION_SLACK_MS) {
            missed.add("detection");
        }
        if (route.firstStartMillis() / 1000.0 > TARGET_FIRST_START_S) {
            missed.add("first start");
        }
        row.put("meets_target", missed.isEmpty());
        row.put("missed_targets", missed);
        List<Map<String, Object>> windows = new ArrayList<>();
        for (int pair = 0; pair < n; pair++) {
            windows.add(window(pair + 1, "route", routes.get(pair)));
            windows.add(window(pair + 1, "baseline", baselines.get(pair)));
        }
        row.put("windows", windows);
        rows.add(row);
    }

    private static double ratio(Measurement route, Measurement baseline) {
        return baseline.pollsPerSecond() == 0 ? 0 : route.pollsPerSecond() / baseline.pollsPerSecond();
    }

    private static Map<String, Object> window(int pair, String side, Measurement m) {
        Map<String, Object> window = new LinkedHashMap<>();
        window.put("pair", pair);
        window.put("side", side);
        window.put("polls_per_s", Math.round(m.pollsPerSecond()));
        window.put("window_s", m.windowMillis() / 1000.0);
        window.put("cycle_ms", pair("p50", m.cycleP50(), "p99", m.cycleP99()));
        window.put("p99_detection_ms", m.detectionP99());
        window.put("cpu_s", round1(m.cpuSeconds()));
        window.put("cpu_us_per_poll", Math.round(m.cpuMicrosPerPoll()));
        window.put("jit_cpu_s", round1(m.compilerCpuSeconds()));
        window.put("gc_time_pct", round2(m.gcTimePercent()));
        window.put("peak_rss_mb", Math.round(m.peakRssMb()));
        window.put("peak_heap_mb", m.heap().peakMb());
        window.put("http_requests", m.httpRequests());
        window.put("list_requests", m.listRequests());
        window.put("warm_up_s", m.warmUpMillis() / 1000.0);
        if (m.firstStartMillis() >= 0) {
            window.put("first_start_s", m.firstStartMillis() / 1000.0);
        }
        window.put("load_average", m.loadAverage());
        return window;
    }

    /** Two figures in the order written, which {@code Map.of} does not keep. */
    private static Map<String, Object> pair(String firstKey, Object first, String secondKey, Object second) {
        Map<String, Object> pair = new LinkedHashMap<>();
        pair.put(firstKey, first);
        pair.put(secondKey, second);
        return pair;
    }

    private static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static double round2(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /** Writes both files into {@code dir} and returns the table. */
    String write(Path dir) throws IOException {
        Files.createDirectories(dir);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(dir.resolve("result.json").toFile(), rows);
        String table = table();
        Files.writeString(dir.resolve("result.md"), table);
        return table;
    }

    private String table() {
        StringBuilder out = new StringBuilder("| scenario | tasks | interval | route polls/s | baseline polls/s"
                + " | ratio (min–max) | CPU µs/poll route / baseline (without JIT) | GC | first start | cycle p50 / p99"
                + " | detection p99 (baseline) | route RSS / heap peak / live (-Xmx) | list requests/cycle"
                + " | load avg (baseline) | target |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Map<String, Object> row : rows) {
            Map<?, ?> cycle = (Map<?, ?>) row.get("cycle_ms");
            Map<?, ?> cpu = (Map<?, ?>) row.get("cpu_us_per_poll");
            Map<?, ?> compiled = (Map<?, ?>) row.get("cpu_us_per_poll_without_jit");
            Object lists = row.get("list_requests_per_cycle");
            out.append(String.format(Locale.ROOT,
                    "| %s | %,d | %d s | %,d | %,d | %.2f (%.2f–%.2f) | %d / %d (%d / %d) | %.1f %% | %.1f s"
                            + " | %d / %d ms"
                            + " | %,d ms (%,d) | %d / %d / %d MB (%d) | %s | %.1f (%.1f) | %s |%n",
                    row.get("scenario"), row.get("tasks"), (Long) row.get("poll_interval_ms") / 1000,
                    row.get("route_polls_per_s"), row.get("baseline_polls_per_s"), row.get("ratio"),
                    row.get("ratio_min"), row.get("ratio_max"), cpu.get("route"), cpu.get("baseline"),
                    compiled.get("route"), compiled.get("baseline"),
                    row.get("gc_time_pct"), row.get("first_start_s"), cycle.get("p50"), cycle.get("p99"),
                    row.get("p99_detection_ms"), row.get("baseline_p99_detection_ms"), row.get("route_peak_rss_mb"),
                    row.get("route_peak_heap_mb"), row.get("route_live_heap_mb"), row.get("route_xmx_mb"),
                    lists == null ? "–" : lists.toString(), row.get("route_load_average"),
                    row.get("baseline_load_average"), (Boolean) row.get("meets_target") ? "met"
                            : "missed: " + ((List<?>) row.get("missed_targets")).stream().map(String::valueOf)
                                    .collect(Collectors.joining(", "))));
        }
        return out.append(String.format(Locale.ROOT, "%nSimulator alone: %,d task GETs/s over 32 keep-alive"
                + " connections. %d cores; load average: one-minute average at the end of the median pair's"
                + " windows. Route and baseline windows interleaved, %s pairs per scenario.%n",
                Math.round(simulatorCapacity), Runtime.getRuntime().availableProcessors(),
                rows.isEmpty() ? "0" : rows.get(0).get("pairs"))).toString();
    }
}
