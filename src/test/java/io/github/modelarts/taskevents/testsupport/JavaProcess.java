package io.github.modelarts.taskevents.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A JVM child process on the test classpath, so a test can kill -9 it or stop it with SIGTERM. */
public final class JavaProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private JavaProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** With small-footprint, fast-starting JVM options, which suit tests that kill and restart processes. */
    public static JavaProcess start(String mainClass, List<String> args, Map<String, String> env, Path log)
            throws IOException {
        // the production logging, not the tests' warnings-only configuration
        return start(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dlogback.configurationFile=logback.xml"), mainClass, args, env, log);
    }

    public static JavaProcess start(List<String> jvmOptions, String mainClass, List<String> args,
                                    Map<String, String> env, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(args);
        // run beside its log, not in the checkout, whose routes/ folder Camel would find a second time
        ProcessBuilder builder = new ProcessBuilder(command).directory(log.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        return new JavaProcess(builder.start(), log);
    }

    /** kill -9: no shutdown hook, no flush, nothing finishes. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, then wait for a graceful exit; returns the exit code. */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return process.waitFor();
    }

    /** Waits for the process to end by itself; returns its exit code. */
    public int waitForExit(java.time.Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("process did not exit within " + limit);
        }
        return process.exitValue();
    }

    /** The JVM's own process id, for reading its figures under /proc. */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String output() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
