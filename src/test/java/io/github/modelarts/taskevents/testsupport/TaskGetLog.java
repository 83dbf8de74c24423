package io.github.modelarts.taskevents.testsupport;

import com.sun.net.httpserver.Headers;
import io.github.modelarts.taskevents.simulator.RequestGate;
import io.github.modelarts.taskevents.simulator.SimulatorResponse;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sees every request before the simulator answers it and keeps each task GET with when it came. */
public final class TaskGetLog implements RequestGate {
    private static final Pattern TASK = Pattern.compile("/v2/[^/]+/datasets/([^/]+)/tasks/([^/?]+)");

    /** One GET of a task, at {@code millis} on the wall clock (Quartz's ticks are on it too). */
    public record Get(String taskId, long millis) {
    }

    private final ConcurrentLinkedQueue<Get> gets = new ConcurrentLinkedQueue<>();

    @Override
    public Optional<SimulatorResponse> check(String method, URI uri, Headers headers, byte[] body) {
        Matcher matcher = TASK.matcher(uri.getPath());
        if (method.equals("GET") && matcher.matches()) {
            gets.add(new Get(matcher.group(2), System.currentTimeMillis()));
        }
        return Optional.empty();
    }

    public List<Get> gets() {
        return List.copyOf(gets);
    }

    /** The GETs since {@code millis}. */
    public List<Get> since(long millis) {
        return gets.stream().filter(get -> get.millis() >= millis).toList();
    }
}
