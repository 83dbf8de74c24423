package io.github.modelarts.taskevents.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What Linux and the JVM's GC log say about a running JVM's memory and processor time. */
final class ProcessFigures {
    /** Kernel clock ticks per second of utime and stime; 100 on every Linux this runs on (USER_HZ). */
    private static final double TICKS_PER_SECOND = 100.0;
    private static final Pattern PAUSE_MILLIS = Pattern.compile("Pause .* (\\d+(?:\\.\\d+)?)ms$");
    private static final Pattern COMPILER_THREAD = Pattern.compile("C[12] CompilerThre");
    private static final Pattern HEAP_AROUND_GC = Pattern.compile("(\\d+)M->(\\d+)M\\(\\d+M\\)");

    private ProcessFigures() {
    }

    /** Peak resident set size (VmHWM) in MB. */
    static double peakRssMb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        throw new IOException("no VmHWM for process " + pid);
    }

    /** Processor time used so far, user plus system, in seconds. */
    static double cpuSeconds(long pid) throws IOException {
        return cpuSecondsIn(Path.of("/proc", Long.toString(pid), "stat"));
    }

    /**
     * Processor time the JVM's JIT compiler threads ({@code C1 CompilerThread0}, {@code C2 CompilerThread0}, ...)
     * used so far, in seconds: a side's compiling, not its polling.
     */
    static double compilerCpuSeconds(long pid) throws IOException {
        double seconds = 0;
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path thread : threads) {
                try {
                    if (COMPILER_THREAD.matcher(Files.readString(thread.resolve("comm")).strip()).lookingAt()) {
                        seconds += cpuSecondsIn(thread.resolve("stat"));
                    }
                } catch (NoSuchFileException ended) {
                    // the thread ended between the listing and the read: its time is no longer counted anywhere
                }
            }
        }
        return seconds;
    }

    private static double cpuSecondsIn(Path stat) throws IOException {
        String line = Files.readString(stat);
        // the command name in field 2 may hold spaces; count fields from after its closing parenthesis
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    }

    /** Heap in use when a collection started (the peak) and after it (what was live), in MB. */
    record Heap(long peakMb, long liveMb) {
    }

    /**
     * The largest heap occupancies before and after a collection, read from an {@code -Xlog:gc} file; only
     * young and full pauses free memory, so only they tell what was live.
     */
    static Heap heap(Path gcLog) throws IOException {
        long peak = 0;
        long live = 0;
        for (String line : Files.readAllLines(gcLog)) {
            Matcher matcher = HEAP_AROUND_GC.matcher(line);
            if (matcher.find()) {
                peak = Math.max(peak, Long.parseLong(matcher.group(1)));
                if (line.contains("Pause Young") || line.contains("Pause Full")) {
                    live = Math.max(live, Long.parseLong(matcher.group(2)));
                }
            }
        }
        return new Heap(peak, live);
    }

    /**
     * The stop-the-world pauses an {@code -Xlog:gc} file has logged so far, in milliseconds: read at the start
     * and the end of a window, their difference is the GC time of the window, with no clock to line up.
     */
    static double gcPauseMillis(Path gcLog) throws IOException {
        double total = 0;
        for (String line : Files.readAllLines(gcLog)) {
            Matcher matcher = PAUSE_MILLIS.matcher(line);
            if (matcher.find()) {
                total += Double.parseDouble(matcher.group(1));
            }
        }
        return total;
    }
}
