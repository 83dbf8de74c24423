package io.github.modelarts.taskevents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.modelarts.taskevents.classify.FailureStreaks;
import io.github.modelarts.taskevents.classify.StatusChanges;
import io.github.modelarts.taskevents.classify.TaskChange;
import io.github.modelarts.taskevents.config.Settings;
import io.github.modelarts.taskevents.event.EventFactory;
import io.github.modelarts.taskevents.event.TaskEvent;
import io.github.modelarts.taskevents.observe.PollMonitor;
import io.github.modelarts.taskevents.simulator.Fault;
import io.github.modelarts.taskevents.simulator.ModelArtsSimulator;
import io.github.modelarts.taskevents.task.TaskMemory;
import io.github.modelarts.taskevents.task.TaskRef;
import io.github.modelarts.taskevents.task.model.TaskJson;
import io.github.modelarts.taskevents.testsupport.FetchRouteSupport;
import io.github.modelarts.taskevents.testsupport.TaskBodies;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.Registry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real routes/poll-tasks.camel.yaml and fetch-modelarts.camel.yaml against the simulator, one test per
 * branch of each choice, with {@code direct:record} swapped for a mock: what reaches it is the exact event.
 */
class PollRouteBranchesTest extends FetchRouteSupport {
    private static final String PROJECT = "branch-project";
    private static final String DATASET = "dsBranches";
    private static final ModelArtsSimulator SIMULATOR = new ModelArtsSimulator(PROJECT).start();
    private static final Settings.Http LIMITS = new Settings.Http(Duration.ofSeconds(1), Duration.ofSeconds(2), 0, 4,
            0, 64 * 1024);

    private final Map<TaskRef, TaskMemory> memory = new ConcurrentHashMap<>();

    @Override
    protected String endpoint() {
        return SIMULATOR.baseUrl();
    }

    @Override
    protected String projectId() {
        return PROJECT;
    }

    @Override
    protected Settings.Http limits() {
        return LIMITS;
    }

    @Override
    protected List<String> otherRouteFiles() {
        return List.of("poll-tasks.camel.yaml");
    }

    @AfterAll
    static void stopSimulator() {
        SIMULATOR.close();
    }

    @AfterEach
    void clearFaults() {
        SIMULATOR.clearFaults();
    }

    @Override
    public String isMockEndpointsAndSkip() {
        return "direct:record";
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = super.useOverridePropertiesWithPropertiesComponent();
        properties.put("topic.completed", "t.completed");
        properties.put("topic.failed", "t.failed");
        properties.put("topic.progress", "t.progress");
        properties.put("topic.errors", "t.errors");
        return properties;
    }

    /** The schedule, the cycle and the record stage need the rest of the application; record is a mock here. */
    @Override
    public String getRouteFilterExcludePattern() {
        return "poll-schedule,poll-cycle,record";
    }

    @Override
    protected void bindToRegistry(Registry registry) throws Exception {
        super.bindToRegistry(registry);
        registry.bind("statusChanges", new StatusChanges(ref -> memory.getOrDefault(ref, TaskMemory.NEW),
                Duration.ZERO));
        registry.bind("failureStreaks", new FailureStreaks(1, ref -> memory.getOrDefault(ref, TaskMemory.NEW)));
        registry.bind("taskEvents", new EventFactory(PROJECT, 1 << 20));
        registry.bind("pollMonitor", new PollMonitor(new SimpleMeterRegistry(), Clock.systemUTC()));
    }

    @Test
    void givenSucceeded_whenPolled_thenACompletionWithTheCountsOnTheCompletedTopic() throws Exception {
        TaskEvent event = onlyEvent(poll("tDone", TaskBodies.task("tDone", 3, "ModelArts.4996")));

        assertThat(event.topic()).isEqualTo("t.completed");
        assertThat(event.type()).isEqualTo("modelarts.task.succeeded");
        assertThat(event.key()).isEqualTo("tDone");
        JsonNode value = value(event);
        assertThat(value.get("outcome").asText()).isEqualTo("SUCCEEDED");
        assertThat(value.get("total_sample_count").asInt()).isEqualTo(246);
        assertThat(value.get("annotated_sample_count").asInt()).isEqualTo(38);
        assertThat(value.get("unconfirmed_sample_count").asInt()).isEqualTo(198);
        assertThat(value.has("failure_category")).isFalse();
    }

    @Test
    void givenFailed_whenPolled_thenAFailureWithItsCategoryOnTheFailedTopic() throws Exception {
        TaskEvent event = onlyEvent(poll("tFailed", TaskBodies.failed("tFailed", "ModelArts.4992", "sold out")));

        assertThat(event.topic()).isEqualTo("t.failed");
        assertThat(event.type()).isEqualTo("modelarts.task.failed");
        JsonNode value = value(event);
        assertThat(value.get("outcome").asText()).isEqualTo("FAILED");
        assertThat(value.get("failure_category").asText()).isEqualTo("resources");
        assertThat(value.get("retryable").asBoolean()).isTrue();
        assertThat(value.get("error_code").asText()).isEqualTo("ModelArts.4992");
    }

    @Test
    void givenStopped_whenPolled_thenAStopOnTheFailedTopic() throws Exception {
        TaskEvent event = onlyEvent(poll("tStopped", TaskBodies.task("tStopped", 5, "ModelArts.4393")));

        assertThat(event.topic()).isEqualTo("t.failed");
        assertThat(event.type()).isEqualTo("modelarts.task.stopped");
        assertThat(value(event).get("failure_category").asText()).isEqualTo("stopped");
        assertThat(value(event).get("retryable").asBoolean()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 1, 4})
    void givenInProgress_whenFirstSeen_thenAProgressEventWithItsPhase(int status) throws Exception {
        String taskId = "tRun" + (status + 1);
        TaskEvent event = onlyEvent(poll(taskId, TaskBodies.task(taskId, status, "ModelArts.4902")));

        assertThat(event.topic()).isEqualTo("t.progress");
        assertThat(event.type()).isEqualTo("modelarts.task.progress");
        assertThat(value(event).get("phase").asText()).isEqualTo("exporting-labels");
        assertThat(value(event).get("status").asInt()).isEqualTo(status);
    }

    @Test
    void givenInProgress_whenStatusAndCodeAreAsRemembered_thenNoEvent() throws Exception {
        TaskRef ref = new TaskRef(DATASET, "tSame");
        memory.put(ref, TaskMemory.NEW.startRun(TaskBodies.CREATED).seen(1, "ModelArts.4902", false, null, null, null));

        assertThat(event(poll("tSame", TaskBodies.task("tSame", 1, "ModelArts.4902")))).isNull();
    }

    @Test
    void givenSucceeded_whenItsCompletionWasPublishedForThisRun_thenNoEvent() throws Exception {
        TaskRef ref = new TaskRef(DATASET, "tDoneBefore");
        memory.put(ref, TaskMemory.NEW.startRun(TaskBodies.CREATED).seen(3, "ModelArts.4996", true, null, null, null));

        assertThat(event(poll("tDoneBefore", TaskBodies.task("tDoneBefore", 3, "ModelArts.4996")))).isNull();
    }

    @Test
    void givenAnUndocumentedStatus_whenPolled_thenAnUnknownStatusError() throws Exception {
        TaskEvent event = onlyEvent(poll("tOdd", TaskBodies.task("tOdd", 9, "ModelArts.4902")));

        assertThat(event.topic()).isEqualTo("t.errors");
        assertThat(event.type()).isEqualTo("modelarts.task.error");
        assertThat(value(event).get("reason").asText()).isEqualTo("unknown-status");
        assertThat(value(event).get("status").asInt()).isEqualTo(9);
    }

    @Test
    void givenNotFound_whenPolledTwiceInARow_thenTheSecondReportsItAndUnwatchesTheTask() throws Exception {
        TaskRef ref = new TaskRef(DATASET, "tGone");
        SIMULATOR.putTask(DATASET, TaskBodies.task("tStays", 1, null).toString());
        Exchange first = onlyRecord(send("tGone"));
        memory.put(ref, first.getVariable("change", TaskChange.class).after());

        Exchange second = onlyRecord(send("tGone"));

        assertThat(event(first)).as("a single not-found may be a passing glitch").isNull();
        assertThat(first.getVariable("unwatch", Boolean.class)).isFalse();
        TaskEvent event = onlyEvent(second);
        assertThat(event.topic()).isEqualTo("t.errors");
        assertThat(value(event).get("reason").asText()).isEqualTo("not-found");
        assertThat(value(event).get("error_code").asText()).isEqualTo("ModelArts.4612");
        assertThat(second.getVariable("unwatch", Boolean.class)).isTrue();
    }

    @Test
    void givenTheGatewaysOwn404_whenPolled_thenAnHttpErrorAndTheTaskStaysWatched() throws Exception {
        SIMULATOR.putTask(DATASET, TaskBodies.task("tRoute", 1, null).toString());
        SIMULATOR.injectFault(DATASET, "tRoute", Fault.error(404, "APIG.0101", "The API does not exist"));

        Exchange recorded = onlyRecord(send("tRoute"));

        assertThat(value(event(recorded)).get("reason").asText()).isEqualTo("http-error");
        assertThat(value(event(recorded)).get("http_status").asInt()).isEqualTo(404);
        assertThat(recorded.getVariable("unwatch", Boolean.class)).isNull();
    }

    @Test
    void givenForbidden_whenPolled_thenAForbiddenErrorAndTheTaskStaysWatched() throws Exception {
        SIMULATOR.putTask(DATASET, TaskBodies.task("tForbidden", 1, null).toString());
        SIMULATOR.injectFault(DATASET, "tForbidden", Fault.error(403, "ModelArts.0203", "no permission"));

        Exchange recorded = onlyRecord(send("tForbidden"));

        assertThat(value(event(recorded)).get("reason").asText()).isEqualTo("forbidden");
        assertThat(value(event(recorded)).get("http_status").asInt()).isEqualTo(403);
        assertThat(recorded.getVariable("unwatch", Boolean.class)).isNull();
    }

    @Test
    void givenAServerError_whenPolled_thenAnHttpError() throws Exception {
        SIMULATOR.putTask(DATASET, TaskBodies.task("t500", 1, null).toString());
        SIMULATOR.injectFault(DATASET, "t500", Fault.error(500, "ModelArts.0500", "internal"));

        TaskEvent event = onlyEvent(send("t500"));

        assertThat(value(event).get("reason").asText()).isEqualTo("http-error");
        assertThat(value(event).get("error_code").asText()).isEqualTo("ModelArts.0500");
    }

    @Test
    void givenJsonThatIsNoTask_whenPolled_thenAMalformedResponse() throws Exception {
        SIMULATOR.putTask(DATASET, TaskBodies.task("tArray", 1, null).toString());
        SIMULATOR.injectFault(DATASET, "tArray", Fault.status(200, "[1, 2, 3]"));

        TaskEvent event = onlyEvent(send("tArray"));

        assertThat(value(event).get("reason").asText()).isEqualTo("malformed-response");
        assertThat(value(event).get("body").asText()).isEqualTo("[1, 2, 3]");
    }

    private Exchange poll(String taskId, JsonNode body) throws InterruptedException {
        SIMULATOR.putTask(DATASET, body.toString());
        return onlyRecord(send(taskId));
    }

    private MockEndpoint send(String taskId) {
        MockEndpoint record = getMockEndpoint("mock:direct:record");
        record.reset();
        record.expectedMessageCount(1);
        template.sendBody("direct:poll-task", new TaskRef(DATASET, taskId));
        return record;
    }

    private static Exchange onlyRecord(MockEndpoint record) throws InterruptedException {
        record.assertIsSatisfied();
        List<Exchange> exchanges = record.getReceivedExchanges();
        return exchanges.get(0);
    }

    private static TaskEvent onlyEvent(Exchange recorded) {
        TaskEvent event = event(recorded);
        assertThat(event).as("the event recorded").isNotNull();
        return event;
    }

    private static TaskEvent onlyEvent(MockEndpoint record) throws InterruptedException {
        return onlyEvent(onlyRecord(record));
    }

    private static TaskEvent event(Exchange recorded) {
        return recorded.getVariable("event", TaskEvent.class);
    }

    private static JsonNode value(TaskEvent event) throws Exception {
        return TaskJson.MAPPER.readTree(event.value());
    }
}
