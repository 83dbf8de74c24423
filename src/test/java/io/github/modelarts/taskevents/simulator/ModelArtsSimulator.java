package io.github.modelarts.taskevents.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A ModelArts intelligent-task API over real HTTP, for tests, the demo and benchmarks: task bodies
 * (static or on a timeline), injected faults and request counters, all set from code.
 * <pre>
 * try (var sim = new ModelArtsSimulator("my-project").start()) {
 *     sim.putTask("dataset-1", "{\"task_id\":\"t1\",\"status\":1}");
 *     // GET sim.baseUrl() + "/v2/my-project/datasets/dataset-1/tasks/t1"
 * }
 * </pre>
 */
public final class ModelArtsSimulator implements AutoCloseable {
    private final String projectId;
    private final int port;
    private final LongSupplier clock;
    private final RequestGate gate;
    private final TaskStore store = new TaskStore();
    private final FaultRegistry faults = new FaultRegistry();
    private final RequestCounters counters = new RequestCounters();
    private volatile SimulatorServer server;
    private ResponseWriter writer;

    /** A simulator for {@code projectId} on an ephemeral port, on the system clock, letting every request in. */
    public ModelArtsSimulator(String projectId) {
        this(builder(projectId));
    }

    private ModelArtsSimulator(Builder builder) {
        this.projectId = builder.projectId;
        this.port = builder.port;
        this.clock = builder.clock;
        this.gate = builder.gate;
    }

    public static Builder builder(String projectId) {
        return new Builder(projectId);
    }

    /** Starts serving; returns this for chaining. */
    public synchronized ModelArtsSimulator start() {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        writer = new ResponseWriter();
        var handler = new RequestHandler(gate, new TaskApi(projectId, store, clock), counters, faults, writer);
        try {
            server = SimulatorServer.start(port, handler);
        } catch (IOException e) {
            writer.close();
            throw new UncheckedIOException("cannot start the ModelArts simulator on port " + port, e);
        }
        return this;
    }

    /** Like {@code http://127.0.0.1:8089}, without a trailing slash. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.port();
    }

    /** Sets an auto-label task's whole body; {@code task_id} comes from the body. */
    public void putTask(String datasetId, String taskJson) {
        put(datasetId, TaskType.AUTO_LABEL, Json.object(taskJson), List.of());
    }

    public void putTask(String datasetId, JsonNode task) {
        put(datasetId, TaskType.AUTO_LABEL, Json.object(task), List.of());
    }

    public void putTask(String datasetId, TaskType type, String taskJson) {
        put(datasetId, type, Json.object(taskJson), List.of());
    }

    /** Puts an auto-label task whose fields change at the steps' times, counted from now. */
    public void putTimeline(String datasetId, String baseTaskJson, List<Step> steps) {
        put(datasetId, TaskType.AUTO_LABEL, Json.object(baseTaskJson), steps);
    }

    public void putTimeline(String datasetId, TaskType type, JsonNode baseTask, List<Step> steps) {
        put(datasetId, type, Json.object(baseTask), steps);
    }

    private void put(String datasetId, TaskType type, ObjectNode base, List<Step> steps) {
        Objects.requireNonNull(datasetId, "datasetId");
        store.put(datasetId, SimulatedTask.of(Objects.requireNonNull(type, "type"), base, steps, clock.getAsLong()));
    }

    /**
     * Sets top-level fields of a task now (a null value removes the field; a {@code result} given
     * as a map replaces {@code result}). Timeline steps still to come keep their times.
     */
    public void updateTask(String datasetId, String taskId, Map<String, Object> fields) {
        var changes = Json.object(fields);
        long now = clock.getAsLong();
        if (!store.update(datasetId, taskId, task -> task.withFieldsAt(now, changes))) {
            throw new NoSuchElementException("no task " + taskId + " in dataset " + datasetId);
        }
    }

    /** Removes a task: its GET then answers like for a missing task. Returns whether it existed. */
    public boolean removeTask(String datasetId, String taskId) {
        return store.remove(datasetId, taskId);
    }

    /** Puts every task of the scenario; timelines start now. */
    public void load(Scenario scenario) {
        if (!projectId.equals(scenario.projectId())) {
            throw new IllegalArgumentException(
                    "scenario is for project " + scenario.projectId() + ", simulator for " + projectId);
        }
        scenario.tasks().forEach(t -> putTimeline(t.datasetId(), t.type(), t.task(), t.timeline()));
    }

    public void injectFault(String datasetId, String taskId, Fault fault) {
        faults.inject(RequestPath.taskKey(datasetId, taskId), fault);
    }

    /** A fault for every request of one kind, e.g. only the list calls; a task's own faults are played first. */
    public void injectFault(RequestKind kind, Fault fault) {
        faults.injectFor(kind, fault);
    }

    /** A fault for every request; a task's own faults and those of its kind are played first. */
    public void injectGlobalFault(Fault fault) {
        faults.injectGlobal(fault);
    }

    public void clearFaults() {
        faults.clear();
    }

    public long requestCount() {
        return counters.total();
    }

    public long requestCount(RequestKind kind) {
        return counters.of(kind);
    }

    /** Requests to this task's detail path, whatever they were answered. */
    public long taskRequestCount(String datasetId, String taskId) {
        return counters.ofTask(RequestPath.taskKey(datasetId, taskId));
    }

    public void resetCounters() {
        counters.reset();
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.close();
            writer.close();
            server = null;
        }
    }

    /** Options beyond the project id; each has a default. */
    public static final class Builder {
        private final String projectId;
        private int port;
        private LongSupplier clock = () -> System.nanoTime() / 1_000_000;
        private RequestGate gate = RequestGate.ALLOW_ALL;

        private Builder(String projectId) {
            this.projectId = Objects.requireNonNull(projectId, "projectId");
        }

        /** The port to listen on; 0 (the default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Milliseconds on any monotonic scale; timelines are measured on it, so tests can drive time. */
        public Builder clock(LongSupplier millis) {
            this.clock = Objects.requireNonNull(millis, "clock");
            return this;
        }

        public Builder gate(RequestGate gate) {
            this.gate = Objects.requireNonNull(gate, "gate");
            return this;
        }

        public ModelArtsSimulator build() {
            return new ModelArtsSimulator(this);
        }
    }
}
