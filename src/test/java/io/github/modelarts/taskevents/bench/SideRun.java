package io.github.modelarts.taskevents.bench;

import io.github.modelarts.taskevents.App;
import io.github.modelarts.taskevents.simulator.ModelArtsSimulator;
import io.github.modelarts.taskevents.testsupport.JavaProcess;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * One side of a scenario, the route or the baseline, as its own JVM against a fresh simulator: warm up,
 * then flip a share of the tasks to succeeded and measure the cycles, the detections and the process.
 */
final class SideRun {
    enum Side { ROUTE, BASELINE }

    private static final Duration WARM_UP_LIMIT = Duration.ofMinutes(6);
    private static final Duration SLACK = Duration.ofSeconds(60);

    private final Side side;
    private final Scenario scenario;
    private final String bootstrap;
    private final Path dir;
    private final String topicPrefix;
    private Supplier<String> progressNote = () -> "";

    SideRun(Side side, Scenario scenario, String bootstrap, Path dir) {
        this.side = side;
        this.scenario = scenario;
        this.bootstrap = bootstrap;
        this.dir = dir;
        this.topicPrefix = "bench." + System.nanoTime() + "." + side.name().toLowerCase() + ".";
    }

    Measurement run() throws Exception {
        emptyDir();
        BenchTasks tasks = new BenchTasks(scenario.tasks(), Scenario.FLIP_EVERY, scenario.source().datasets());
        RequestLog log = new RequestLog(listsTasks() ? tasks.steadyReadsByListPage() : tasks.steadyReadsByTask());
        String progress = topicPrefix + "progress";
        try (ModelArtsSimulator simulator = ModelArtsSimulator.builder(BenchTasks.PROJECT).gate(log).build().start();
             Arrivals arrivals = new Arrivals(bootstrap, topicPrefix + "completed", List.of(progress))) {
            tasks.putRunning(simulator);
            long startedAt = System.nanoTime();
            try (JavaProcess process = start(simulator, tasks)) {
                progressNote = () -> log.completedCycles() + " cycles complete, " + arrivals.count(progress)
                        + " progress events and " + arrivals.detected() + " detections read";
                long firstStartMillis = -1;
                if (side == Side.ROUTE) {
                    // a first start: a first-sighting event per task, every one acknowledged before it is read
                    await(WARM_UP_LIMIT, process, () -> arrivals.count(progress) >= scenario.tasks());
                    firstStartMillis = (arrivals.lastArrivalNanos(progress) - log.firstRequestNanos()) / 1_000_000;
                }
                // the route's first cycles overrun the interval; measure once it is back on its schedule
                await(WARM_UP_LIMIT, process, () -> log.onSchedule(scenario.intervalMs() * 1_000_000));
                // both sides poll some cycles more before the window, with tasks changing as in it, so that the
                // window measures the code the JIT has compiled rather than the compiling: a poller runs for days,
                // and its first minutes are the first start's. Without, the route's compiler threads took a third
                // of its processor time in the window, compiling the way of an event the window first asked for
                int warmedUpAt = log.completedCycles() + warmUpCycles();
                tasks.scheduleWarmUpChanges(simulator, Math.max(1, warmUpCycles() - 2) * scenario.intervalMs());
                await(WARM_UP_LIMIT, process, () -> log.completedCycles() >= warmedUpAt);
                long windowStart = System.nanoTime();
                long warmUpMillis = (windowStart - startedAt) / 1_000_000;
                double cpuBefore = ProcessFigures.cpuSeconds(process.pid());
                double compilerCpuBefore = ProcessFigures.compilerCpuSeconds(process.pid());
                double gcBefore = ProcessFigures.gcPauseMillis(gcLog());
                long requestsBefore = log.requests();
                long readsBefore = log.reads();
                long listsBefore = log.listRequests();
                int cyclesBefore = log.completedCycles();
                tasks.scheduleFlips(simulator, scenario.flipSpreadMs());
                Duration window = Duration.ofMillis(scenario.measuredCycles() * scenario.intervalMs());
                await(window.plus(SLACK), process, () -> {
                    int first = log.firstCycleSince(windowStart);
                    return first >= 0 && log.completedCycles() >= first + scenario.measuredCycles()
                            && tasks.flipping().stream().allMatch(ref -> arrivals.arrivalNanos(ref.taskId()) != null);
                });
                Window figures = new Window((System.nanoTime() - windowStart) / 1_000_000,
                        ProcessFigures.cpuSeconds(process.pid()) - cpuBefore,
                        ProcessFigures.gcPauseMillis(gcLog()) - gcBefore, log.requests() - requestsBefore,
                        log.reads() - readsBefore, log.listRequests() - listsBefore,
                        log.completedCycles() - cyclesBefore,
                        // over the last minute, about the window: other work on the machine slows either side
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                        ProcessFigures.peakRssMb(process.pid()), warmUpMillis, firstStartMillis,
                        ProcessFigures.compilerCpuSeconds(process.pid()) - compilerCpuBefore);
                process.stop();
                return measure(log, log.firstCycleSince(windowStart), tasks, arrivals, figures);
            }
        }
    }

    /** What the window measured besides its cycles and detections. */
    private record Window(long millis, double cpuSeconds, double gcPauseMillis, long requests, long reads,
                          long listRequests, int cycles, double loadAverage, double rss, long warmUpMillis,
                          long firstStartMillis, double compilerCpuSeconds) {
    }

    /** Whether this side reads the tasks from list pages: the route of a discovery scenario. */
    private boolean listsTasks() {
        return side == Side.ROUTE && scenario.source() == Scenario.Source.DISCOVERY;
    }

    private Path gcLog() {
        return dir.resolve("gc.log");
    }

    private Measurement measure(RequestLog log, int firstCycle, BenchTasks tasks, Arrivals arrivals, Window window)
            throws Exception {
        long[] cycles = new long[scenario.measuredCycles()];
        long busyNanos = 0;
        long polls = 0;
        for (int i = 0; i < cycles.length; i++) {
            RequestLog.Span span = log.cycle(firstCycle + i);
            cycles[i] = span.millis();
            busyNanos += span.endNanos() - span.startNanos();
            polls += log.polls(firstCycle + i);
        }
        long[] detections = tasks.flipping().stream()
                .mapToLong(ref -> (arrivals.arrivalNanos(ref.taskId()) - tasks.flipNanos(ref.taskId())) / 1_000_000)
                .toArray();
        return new Measurement(polls, busyNanos / 1_000_000, cycles, detections,
                tasks.flipping().size(), window.requests(), window.rss(), ProcessFigures.heap(gcLog()),
                window.cpuSeconds(), window.warmUpMillis(), window.loadAverage(), window.millis(), window.reads(),
                window.listRequests(), window.cycles(), window.gcPauseMillis(), window.firstStartMillis(),
                window.compilerCpuSeconds());
    }

    private JavaProcess start(ModelArtsSimulator simulator, BenchTasks tasks) throws Exception {
        String heap = side == Side.ROUTE ? "-Xmx" + routeXmxMb() + "m" : "-Xmx256m";
        List<String> jvm = new ArrayList<>(List.of(heap, "-Xlog:gc:file=" + gcLog()));
        if (side == Side.ROUTE) {
            // as the container image runs it (pom.xml, jib's jvmFlags and environment)
            jvm.addAll(List.of("-Xms64m", "-XX:+UseSerialGC", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30"));
        }
        if (side == Side.ROUTE && Boolean.getBoolean("bench.jfr")) {
            jvm.add("-XX:StartFlightRecording=settings=profile,filename=" + dir.resolve("route.jfr"));
        }
        if (side == Side.BASELINE) {
            Path urls = dir.resolve("task-urls.txt");
            Files.write(urls, tasks.all().stream().map(ref -> simulator.baseUrl() + "/v2/" + BenchTasks.PROJECT
                    + "/datasets/" + ref.datasetId() + "/tasks/" + ref.taskId()).toList());
            return JavaProcess.start(jvm, BaselinePoller.class.getName(), List.of(), Map.of(
                    "BENCH_TASK_URLS_FILE", urls.toString(),
                    "BENCH_CONCURRENCY", Integer.toString(scenario.concurrency()),
                    "BENCH_INTERVAL_MS", Long.toString(scenario.intervalMs()),
                    // it stops by itself well after the longest run the waits below allow
                    "BENCH_MAX_CYCLES", Long.toString(maxRunMillis() / scenario.intervalMs()),
                    "BENCH_BOOTSTRAP", bootstrap,
                    "BENCH_TOPIC", topicPrefix + "completed"), dir.resolve("baseline.log"));
        }
        return JavaProcess.start(jvm, App.class.getName(), List.of(), Map.ofEntries(
                Map.entry("MALLOC_ARENA_MAX", "2"),
                Map.entry("MODELARTS_ENDPOINT", simulator.baseUrl()),
                Map.entry("MODELARTS_PROJECT_ID", BenchTasks.PROJECT),
                scenario.source() == Scenario.Source.DISCOVERY
                        ? Map.entry("MODELARTS_DATASETS", tasks.datasetsSetting())
                        : Map.entry("MODELARTS_TASKS", tasks.asSetting()),
                Map.entry("POLL_CRON", "0/" + scenario.intervalMs() / 1000 + " * * * * ?"),
                Map.entry("MAX_CONCURRENT_REQUESTS", Integer.toString(scenario.concurrency())),
                Map.entry("KAFKA_BOOTSTRAP_SERVERS", bootstrap),
                Map.entry("STATE_DIR", dir.resolve("state").toString()),
                // any free port: builds and instances of other developers run beside the benchmark
                Map.entry("MANAGEMENT_PORT", "0"),
                Map.entry("TOPIC_COMPLETED", topicPrefix + "completed"),
                Map.entry("TOPIC_FAILED", topicPrefix + "failed"),
                Map.entry("TOPIC_PROGRESS", topicPrefix + "progress"),
                Map.entry("TOPIC_ERRORS", topicPrefix + "errors"),
                Map.entry("TOPIC_WATCH", topicPrefix + "watch")), dir.resolve("route.log"));
    }

    /** Cycles either side polls after its start-up and before its window, {@code -Dbench.warmup.cycles}. */
    static int warmUpCycles() {
        return Integer.getInteger("bench.warmup.cycles", 8);
    }

    /** The route JVM's {@code -Xmx} in MB, {@code -Dbench.route.xmx.mb}. */
    static int routeXmxMb() {
        return Integer.getInteger("bench.route.xmx.mb", 128);
    }

    /** A state database left by an earlier run would make the route skip its first-sight events. */
    private void emptyDir() throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        Files.createDirectories(dir);
    }

    private long maxRunMillis() {
        return WARM_UP_LIMIT.plus(SLACK).plusMillis(scenario.measuredCycles() * scenario.intervalMs()).toMillis();
    }

    /** Polls {@code done} until it holds; fails when the time is up or the process has died. */
    private void await(Duration limit, JavaProcess process, BooleanSupplier done) throws Exception {
        long endAt = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            if (!process.isAlive() || System.nanoTime() - endAt > 0) {
                String output = process.output();
                throw new IllegalStateException(side + " of " + scenario.name() + (process.isAlive()
                        ? " did not finish within " + limit : " exited") + " (" + progressNote.get()
                        + "); its log ends with:\n"
                        + output.substring(Math.max(0, output.length() - 4000)));
            }
            Thread.sleep(100);
        }
    }
}
