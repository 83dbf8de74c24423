package io.github.modelarts.taskevents.discover;

import static io.github.modelarts.taskevents.testsupport.TaskBodies.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.modelarts.taskevents.simulator.Fault;
import io.github.modelarts.taskevents.simulator.RequestKind;
import io.github.modelarts.taskevents.task.model.TaskJson;
import io.github.modelarts.taskevents.testsupport.DatasetFixture;
import io.github.modelarts.taskevents.testsupport.Pipeline;
import io.github.modelarts.taskevents.testsupport.TopicReader;
import io.github.modelarts.taskevents.testsupport.TopicReader.Received;
import io.github.modelarts.taskevents.watch.WatchList;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Discovery within its share of the cycle budget and its page cap (DISCOVERY_MAX_PAGES): a slow or huge
 * listing is cut short and reported, and the task polls still get their turn.
 */
class DiscoveryLimitsTest {
    private static final String DS = "dsListed";
    private static final String OTHER_DS = "dsListedToo";
    private static final String STATIC_DS = "dsStatic";

    @Test
    void givenListCallsSlowerThanTheBudget_whenPolled_thenTheStaticTaskIsPublished_andTheListingReportedIncomplete()
            throws Exception {
        try (Pipeline pipeline = new Pipeline().with("modelarts.datasets", DS).watching(STATIC_DS + "/done")
                .with("poll.cycle.budget.ms", "2000")
                // a list call answers, late; it does not time out
                .with("http.read.timeout.ms", "5000");
             TopicReader reader = pipeline.reader()) {
            pipeline.simulator().putTask(STATIC_DS, task("done", 3, "ModelArts.4996"));
            // 101 auto-label tasks: two pages, of which only the first can be asked for in time
            List<String> listed = DatasetFixture.put(pipeline.simulator(), DS, DatasetFixture.RUNNING, 101);
            List<String> onFirstPage = listed.subList(0, 100);
            pipeline.simulator().injectFault(RequestKind.TASK_LIST, Fault.latency(Duration.ofMillis(2500)));
            pipeline.start();

            pipeline.poll();
            if (pipeline.simulator().taskRequestCount(STATIC_DS, "done") == 0) {
                // the polls have the second half of the budget; a pause of a loaded machine may still defer the
                // task once, and a deferred task leads the next cycle
                pipeline.poll();
            }

            assertThat(reader.awaitOnTopic(pipeline.topics().completed(), 1)).extracting(Received::key)
                    .containsExactly("done");
            List<Received> incomplete = reader.await(1, DiscoveryLimitsTest::incomplete);
            assertThat(incomplete).extracting(Received::key).containsExactly(DS);
            assertThat(json(incomplete.get(0)).get("task_type").asText()).isEqualTo("auto-label");
            assertThat(json(incomplete.get(0)).get("error_msg").asText()).contains("budget");
            // the first page came late, but it came: its tasks are watched and reported like any listing's
            reader.await(onFirstPage.size(), r -> r.topic().equals(pipeline.topics().progress()));
            assertThat(pipeline.application().watchList().entries()).hasSize(1 + onFirstPage.size());

            // the listing stays slow; the tasks it found are polled by GET, the deferred ones first next time
            for (int cycle = 2; cycle <= 6 && !everyOnePolled(pipeline, onFirstPage); cycle++) {
                pipeline.poll();
            }
            assertThat(onFirstPage).allMatch(pair -> polled(pipeline, pair));
            awaitOutboxEmpty(pipeline);
            assertThat(reader.all()).as("one completion, the first page's progress, one report per streak")
                    .hasSize(1 + onFirstPage.size() + 1);
        }
    }

    @Test
    void givenMoreTasksThanThePageCapHolds_whenDiscovered_thenListedUpToTheCap_withOneErrorEvent() throws Exception {
        try (Pipeline pipeline = new Pipeline().with("modelarts.datasets", DS).with("discovery.max.pages", "2");
             TopicReader reader = pipeline.reader()) {
            DatasetFixture.put(pipeline.simulator(), DS, DatasetFixture.RUNNING, 250);
            pipeline.start();

            pipeline.poll();
            pipeline.poll();

            List<Received> incomplete = reader.await(1, DiscoveryLimitsTest::incomplete);
            assertThat(incomplete).extracting(Received::key).containsExactly(DS);
            JsonNode error = json(incomplete.get(0));
            assertThat(error.get("task_type").asText()).isEqualTo("auto-label");
            assertThat(error.get("error_msg").asText()).contains("DISCOVERY_MAX_PAGES");
            assertThat(pipeline.application().watchList().entries()).hasSize(200);
            // per cycle: two auto-label pages, then one empty page of each other type
            assertThat(pipeline.simulator().requestCount(RequestKind.TASK_LIST)).isEqualTo(8);
            assertThat(pipeline.simulator().requestCount(RequestKind.TASK)).isZero();
            reader.await(200, r -> r.topic().equals(pipeline.topics().progress()));
            awaitOutboxEmpty(pipeline);
            assertThat(reader.all()).hasSize(200 + 1);
        }
    }

    @Test
    void givenMoreListCallsThanStartWithinTheShare_whenPolledRepeatedly_thenEachGetsItsTurn() throws Exception {
        // MAX_CONCURRENT_REQUESTS 2: one list call at a time, and its page answers after discovery's share
        try (Pipeline pipeline = new Pipeline().with("modelarts.datasets", DS + "," + OTHER_DS)
                .with("max.concurrent.requests", "2").with("poll.cycle.budget.ms", "2000")) {
            List<String> oneTaskPerList = new ArrayList<>();
            for (String dataset : List.of(DS, OTHER_DS)) {
                oneTaskPerList.addAll(DatasetFixture.put(pipeline.simulator(), dataset, DatasetFixture.RUNNING,
                        1, 1, 1));
            }
            pipeline.simulator().injectFault(RequestKind.TASK_LIST, Fault.latency(Duration.ofMillis(1500)));
            pipeline.start();
            WatchList watchList = pipeline.application().watchList();

            // six list calls, one of which can start in a cycle; a turn missed (a loaded machine) comes back
            int lists = oneTaskPerList.size();
            for (int cycle = 1; cycle <= 2 * lists && watchList.entries().size() < lists; cycle++) {
                pipeline.poll();
            }

            assertThat(watchList.entries()).extracting(entry -> entry.ref().toString())
                    .containsExactlyInAnyOrderElementsOf(oneTaskPerList);
        }
    }

    private static boolean everyOnePolled(Pipeline pipeline, List<String> pairs) {
        return pairs.stream().allMatch(pair -> polled(pipeline, pair));
    }

    private static boolean polled(Pipeline pipeline, String datasetSlashTask) {
        String[] ids = datasetSlashTask.split("/");
        return pipeline.simulator().taskRequestCount(ids[0], ids[1]) > 0;
    }

    private static void awaitOutboxEmpty(Pipeline pipeline) {
        await().atMost(Duration.ofSeconds(30)).until(() -> pipeline.application().store().backlog() == 0);
    }

    private static boolean incomplete(Received event) {
        return event.value().contains("\"reason\":\"listing-incomplete\"");
    }

    private static JsonNode json(Received event) {
        try {
            return TaskJson.MAPPER.readTree(event.value());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + event.value(), e);
        }
    }
}
