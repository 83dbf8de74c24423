package io.github.modelarts.taskevents.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes the runs as {@code result.json} (one object per scenario) and {@code result.md} (a table). */
final class BenchReport {
    /** The goal at 10,000 tasks: polls per second relative to the baseline, detection within one interval plus this. */
    static final double TARGET_RATIO = 0.8;
    static final long TARGET_DETECTION_SLACK_MS = 1000;
    static final long TARGET_HEAP_MB = 256;

    private final double simulatorCapacity;
    private final List<Map<String, Object>> rows = new ArrayList<>();

    BenchReport(double simulatorCapacity) {
        this.simulatorCapacity = simulatorCapacity;
    }

    void add(Scenario scenario, Measurement route, Measurement baseline) {
        double ratio = baseline.pollsPerSecond() == 0 ? 0 : route.pollsPerSecond() / baseline.pollsPerSecond();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("tasks", scenario.tasks());
        row.put("poll_interval_ms", scenario.intervalMs());
        row.put("measured_cycles", scenario.measuredCycles());
        row.put("concurrency", scenario.concurrency());
        row.put("route_polls_per_s", Math.round(route.pollsPerSecond()));
        row.put("baseline_polls_per_s", Math.round(baseline.pollsPerSecond()));
        row.put("ratio", Math.round(ratio * 100) / 100.0);
        row.put("cycle_ms", Map.of("p50", route.cycleP50(), "p99", route.cycleP99()));
        row.put("baseline_cycle_ms", Map.of("p50", baseline.cycleP50(), "p99", baseline.cycleP99()));
        row.put("flips", route.flips());
        row.put("p50_detection_ms", route.detectionP50());
        row.put("p99_detection_ms", route.detectionP99());
        row.put("baseline_p99_detection_ms", baseline.detectionP99());
        row.put("route_peak_rss_mb", Math.round(route.peakRssMb()));
        row.put("route_peak_heap_mb", route.heap().peakMb());
        row.put("route_live_heap_mb", route.heap().liveMb());
        row.put("route_cpu_s", Math.round(route.cpuSeconds() * 10) / 10.0);
        row.put("baseline_peak_rss_mb", Math.round(baseline.peakRssMb()));
        row.put("baseline_cpu_s", Math.round(baseline.cpuSeconds() * 10) / 10.0);
        row.put("route_warm_up_s", route.warmUpMillis() / 1000.0);
        row.put("http_requests", route.httpRequests());
        row.put("baseline_http_requests", baseline.httpRequests());
        row.put("simulator_capacity_gets_per_s", Math.round(simulatorCapacity));
        row.put("route_load_average", route.loadAverage());
        row.put("baseline_load_average", baseline.loadAverage());
        row.put("meets_target", ratio >= TARGET_RATIO
                && route.detectionP99() <= scenario.intervalMs() + TARGET_DETECTION_SLACK_MS
                && route.heap().peakMb() < TARGET_HEAP_MB);
        rows.add(row);
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
        StringBuilder out = new StringBuilder("| tasks | interval | route polls/s | baseline polls/s | ratio"
                + " | cycle p50 / p99 | detection p99 (baseline) | route RSS / heap peak / live | route CPU (baseline)"
                + " | HTTP requests (baseline) | load avg (baseline) | target |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Map<String, Object> row : rows) {
            Map<?, ?> cycle = (Map<?, ?>) row.get("cycle_ms");
            out.append(String.format(Locale.ROOT,
                    "| %,d | %d s | %,d | %,d | %.2f | %d / %d ms | %,d ms (%,d) | %d / %d / %d MB | %.1f s (%.1f)"
                            + " | %,d (%,d) | %.1f (%.1f) | %s |%n",
                    row.get("tasks"), (Long) row.get("poll_interval_ms") / 1000, row.get("route_polls_per_s"),
                    row.get("baseline_polls_per_s"), row.get("ratio"), cycle.get("p50"), cycle.get("p99"),
                    row.get("p99_detection_ms"), row.get("baseline_p99_detection_ms"), row.get("route_peak_rss_mb"),
                    row.get("route_peak_heap_mb"), row.get("route_live_heap_mb"), row.get("route_cpu_s"), row.get("baseline_cpu_s"),
                    row.get("http_requests"), row.get("baseline_http_requests"), row.get("route_load_average"),
                    row.get("baseline_load_average"),
                    (Boolean) row.get("meets_target") ? "met" : "missed"));
        }
        return out.append(String.format(Locale.ROOT, "%nSimulator alone: %,d task GETs/s over 32 keep-alive"
                + " connections. %d cores; load average: one-minute average at the end of each window.%n",
                Math.round(simulatorCapacity), Runtime.getRuntime().availableProcessors())).toString();
    }
}
