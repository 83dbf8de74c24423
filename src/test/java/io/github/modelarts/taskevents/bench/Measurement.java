package io.github.modelarts.taskevents.bench;

import java.util.Arrays;

/**
 * The figures of one window of one side (route or baseline) of one scenario; {@code warmUpMillis} runs from the
 * process start until its first-sight events are on Kafka and its cycles are back on schedule;
 * {@code firstStartMillis} from its first request until the last of those events was read back (-1 for the
 * baseline, which sends none); {@code loadAverage} is the machine's one-minute load average when the window
 * ended. {@code windowMillis}, {@code reads} (steady tasks read), {@code listRequests}, {@code windowCycles},
 * {@code cpuSeconds} (of it {@code compilerCpuSeconds} in the JIT's threads) and {@code gcPauseMillis} cover the
 * whole window, from the end of the warm-up until the last detection.
 */
record Measurement(long polls, long busyMillis, long[] cycleMillis, long[] detectionMillis, int flips,
                   long httpRequests, double peakRssMb, ProcessFigures.Heap heap, double cpuSeconds,
                   long warmUpMillis, double loadAverage, long windowMillis, long reads, long listRequests,
                   int windowCycles, double gcPauseMillis, long firstStartMillis, double compilerCpuSeconds) {

    /** Polls per second while a cycle runs: the polls of the measured cycles over the time they took. */
    double pollsPerSecond() {
        return busyMillis == 0 ? 0 : polls * 1000.0 / busyMillis;
    }

    /** Processor time per steady task read, in microseconds. */
    double cpuMicrosPerPoll() {
        return reads == 0 ? 0 : cpuSeconds * 1e6 / reads;
    }

    /** As {@link #cpuMicrosPerPoll}, without the JIT compiler threads' time: what the compiled code costs. */
    double cpuMicrosPerPollWithoutJit() {
        return reads == 0 ? 0 : (cpuSeconds - compilerCpuSeconds) * 1e6 / reads;
    }

    /** The share of the window the JVM spent in GC pauses, in percent. */
    double gcTimePercent() {
        return windowMillis == 0 ? 0 : gcPauseMillis * 100 / windowMillis;
    }

    double listRequestsPerCycle() {
        return windowCycles == 0 ? 0 : listRequests / (double) windowCycles;
    }

    long cycleP50() {
        return percentile(cycleMillis, 50);
    }

    long cycleP99() {
        return percentile(cycleMillis, 99);
    }

    long detectionP50() {
        return percentile(detectionMillis, 50);
    }

    long detectionP99() {
        return percentile(detectionMillis, 99);
    }

    /** Nearest rank: the smallest value with at least {@code p} percent of the values at or below it. */
    static long percentile(long[] values, int p) {
        if (values.length == 0) {
            return 0;
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }
}
