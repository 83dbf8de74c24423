package io.github.modelarts.taskevents.discover;

import static io.github.modelarts.taskevents.testsupport.TaskBodies.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.modelarts.taskevents.simulator.Fault;
import io.github.modelarts.taskevents.simulator.RequestKind;
import io.github.modelarts.taskevents.simulator.TaskType;
import io.github.modelarts.taskevents.task.TaskRef;
import io.github.modelarts.taskevents.task.model.TaskJson;
import io.github.modelarts.taskevents.testsupport.DatasetFixture;
import io.github.modelarts.taskevents.testsupport.Pipeline;
import io.github.modelarts.taskevents.testsupport.TopicReader.Received;
import io.github.modelarts.taskevents.testsupport.TopicReader;
import io.github.modelarts.taskevents.watch.WatchList;
import io.github.modelarts.taskevents.watch.WatchSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** MODELARTS_DATASETS end to end: the simulator's list API over HTTP → classify → outbox → real Kafka. */
class DiscoveryTest {
    private static final String DS = "dsDiscovered";

    @Test
    void givenTasksOfEveryTypeOnSeveralPages_whenDiscovered_thenExactlyTheEventsOfAStaticList() throws Exception {
        List<String> pairs = new ArrayList<>();
        List<Event> fromStaticList;
        try (Pipeline pipeline = new Pipeline(); TopicReader reader = pipeline.reader()) {
            pairs.addAll(putEveryType(pipeline));
            pipeline.watching(pairs.toArray(String[]::new)).start();
            pipeline.poll();
            fromStaticList = events(reader.await(pairs.size(), r -> true));
        }
        try (Pipeline pipeline = new Pipeline().with("modelarts.datasets", DS);
             TopicReader reader = pipeline.reader()) {
            putEveryType(pipeline);
            pipeline.start();
            pipeline.poll();

            List<Event> discovered = events(reader.await(pairs.size(), r -> true));
            assertThat(discovered).containsExactlyInAnyOrderElementsOf(fromStaticList);
            assertThat(pipeline.application().watchList().entries()).hasSize(pairs.size())
                    .allMatch(entry -> entry.source() == WatchSource.DISCOVERED);
            // 120, 110 and 105 tasks: two pages per type
            assertThat(pipeline.simulator().requestCount(RequestKind.TASK_LIST)).isEqualTo(6);
            // only the tasks listed without a status are fetched one by one
            long withoutStatus = discovered.stream().filter(e -> e.value().has("reason") && !e.value().has("status"))
                    .count();
            assertThat(withoutStatus).isPositive();
            assertThat(pipeline.simulator().requestCount(RequestKind.TASK)).isEqualTo(withoutStatus);
        }
    }

    @Test
    void givenAServerRepeatingItsFirstPage_whenDiscovered_thenEachListingStopsAndIsReportedOnce() throws Exception {
        try (Pipeline pipeline = new Pipeline().with("modelarts.datasets", DS);
             TopicReader reader = pipeline.reader()) {
            pipeline.simulator().injectGlobalFault(Fault.status(200, firstPageOfThousand().toString()));
            pipeline.start();

            pipeline.poll();
            pipeline.poll();

            List<Received> repeated = reader.await(3, r -> r.value().contains("repeated-page"));
            assertThat(repeated).extracting(Received::key).containsOnly(DS);
            assertThat(repeated).extracting(r -> json(r).get("task_type").asText())
                    .containsExactlyInAnyOrderElementsOf(ListCall.TYPES);
            assertThat(json(repeated.get(0)).get("error_msg").asText()).contains("page 1");
            reader.await(100, r -> r.topic().equals(pipeline.topics().progress()));
            // two pages per type and cycle: the second repeats the first, and the listing stops there
            assertThat(pipeline.simulator().requestCount(RequestKind.TASK_LIST)).isEqualTo(12);
            assertThat(pipeline.simulator().requestCount(RequestKind.TASK)).isZero();
            assertThat(reader.all()).hasSize(103);
        }
    }

    @Test
    void givenDiscoveredTasks_whenOneReRunsAndAnotherAppears_thenBothArePickedUpFromTheList() throws Exception {
        try (Pipeline pipeline = new Pipeline().with("modelarts.datasets", DS).watching(DS + "/done");
             TopicReader reader = pipeline.reader()) {
            pipeline.simulator().putTask(DS, task("done", 3, "ModelArts.4996"));
            pipeline.start();
            pipeline.poll();
            reader.awaitOnTopic(pipeline.topics().completed(), 1);

            pipeline.simulator().updateTask(DS, "done", Map.of("create_time", "2026-11-28 08:00:00", "status", 1,
                    "code", "ModelArts.4902"));
            pipeline.simulator().putTask(DS, TaskType.PRE_LABEL, task("newcomer", 0, "ModelArts.4914").toString());
            pipeline.poll();

            List<Received> progress = reader.awaitOnTopic(pipeline.topics().progress(), 2);
            assertThat(progress).extracting(Received::key).containsExactlyInAnyOrder("done", "newcomer");
            assertThat(progress).filteredOn(r -> r.key().equals("done"))
                    .extracting(r -> json(r).get("create_time").asText()).containsExactly("2026-11-28 08:00:00");
            WatchList watchList = pipeline.application().watchList();
            assertThat(watchList.entries()).extracting(WatchList.Entry::source)
                    .containsExactly(WatchSource.STATIC, WatchSource.DISCOVERED);
            // the static task is in a discovered dataset: the list answers for it, no GET needed
            assertThat(pipeline.simulator().requestCount(RequestKind.TASK)).isZero();
        }
    }

    @Test
    void givenAListCallFailing_whenDiscovered_thenOneErrorEventPerTypeKeyedByTheDataset() throws Exception {
        try (Pipeline pipeline = new Pipeline().with("modelarts.datasets", "dsMissing");
             TopicReader reader = pipeline.reader()) {
            pipeline.start();

            pipeline.poll();
            pipeline.poll();

            List<Received> errors = reader.awaitOnTopic(pipeline.topics().errors(), 3);
            assertThat(errors).extracting(Received::key).containsOnly("dsMissing");
            assertThat(errors).extracting(r -> json(r).get("task_type").asText())
                    .containsExactlyInAnyOrderElementsOf(ListCall.TYPES);
            JsonNode error = json(errors.get(0));
            assertThat(error.get("reason").asText()).isEqualTo("not-found");
            assertThat(error.get("http_status").asInt()).isEqualTo(400);
            assertThat(error.get("error_code").asText()).isEqualTo("ModelArts.4352");
            assertThat(error.has("task_id")).isFalse();
            assertThat(errors.get(0).header("ce_subject")).isEqualTo("dsMissing");
            assertThat(errors.get(0).header("ce_source"))
                    .isEqualTo("/modelarts/" + Pipeline.PROJECT + "/datasets/dsMissing");
            // reported once per streak, like a task's failure
            assertThat(reader.all()).hasSize(3);
        }
    }

    @Test
    void givenDiscoveryEveryThirdCycle_whenPolled_thenRunningTasksAreFetchedInBetween() throws Exception {
        try (Pipeline pipeline = new Pipeline().with("modelarts.datasets", DS).with("discovery.every.cycles", "3");
             TopicReader reader = pipeline.reader()) {
            pipeline.simulator().putTask(DS, task("running", 1, "ModelArts.4902"));
            pipeline.simulator().putTask(DS, task("finished", 3, "ModelArts.4996"));
            pipeline.start();
            List<String> requests = new ArrayList<>();
            for (int cycle = 1; cycle <= 4; cycle++) {
                pipeline.simulator().resetCounters();
                if (cycle == 2) {
                    pipeline.simulator().putTask(DS, task("late", 1, "ModelArts.4902"));
                }
                pipeline.poll();
                requests.add(pipeline.simulator().requestCount(RequestKind.TASK_LIST) + " list, "
                        + pipeline.simulator().requestCount(RequestKind.TASK) + " get");
            }

            assertThat(requests).containsExactly("3 list, 0 get", "0 list, 1 get", "0 list, 1 get", "3 list, 0 get");
            assertThat(pipeline.simulator().taskRequestCount(DS, "late")).isZero();
            assertThat(reader.await(1, r -> r.key().equals("late"))).hasSize(1);
            assertThat(pipeline.application().watchList().memory(new TaskRef(DS, "late")).status()).isEqualTo(1);
        }
    }

    @Test
    void givenMoreListedTasksThanRoom_whenDiscovered_thenOneErrorEventPerListing_andNoWatchedTaskDropped()
            throws Exception {
        try (Pipeline pipeline = new Pipeline().watching("dsStatic/static").with("modelarts.datasets", DS)
                .with("max.watched.tasks", "3"); TopicReader reader = pipeline.reader()) {
            pipeline.simulator().putTask("dsStatic", task("static", 1, "ModelArts.4902"));
            for (int i = 1; i <= 5; i++) {
                pipeline.simulator().putTask(DS, task("listed" + i, 1, "ModelArts.4902"));
            }
            WatchList watchList = pipeline.start().watchList();

            pipeline.poll();
            List<String> watched = watchList.entries().stream().map(e -> e.ref().toString()).toList();
            assertThat(watched).hasSize(3).contains("dsStatic/static");
            Received refused = reader.await(1, r -> r.value().contains("watch-limit-reached")).get(0);
            assertThat(refused.key()).isEqualTo(DS);
            assertThat(json(refused).get("task_type").asText()).isEqualTo(TaskType.AUTO_LABEL.apiName());
            assertThat(json(refused).get("error_msg").asText()).contains("3 listed tasks", "MAX_WATCHED_TASKS (3)");
            pipeline.poll();

            assertThat(reader.await(2, r -> r.value().contains("watch-limit-reached"))).hasSize(2);
            assertThat(watchList.entries()).extracting(e -> e.ref().toString()).isEqualTo(watched);
            await().atMost(Duration.ofSeconds(30)).until(() -> pipeline.application().store().backlog() == 0);
            assertThat(reader.all()).filteredOn(r -> r.value().contains("watch-limit-reached")).hasSize(2);
        }
    }

    /** Two pages of each type: 120, 110 and 105 tasks. */
    private static List<String> putEveryType(Pipeline pipeline) {
        return DatasetFixture.put(pipeline.simulator(), DS, DatasetFixture.EVERY_KIND, 120, 110, 105);
    }

    /** The first page of a thousand running tasks: what a server ignoring {@code offset} answers to every page. */
    private static ObjectNode firstPageOfThousand() {
        ObjectNode page = TaskJson.MAPPER.createObjectNode();
        ArrayNode tasks = page.putArray("tasks");
        for (int i = 0; i < 100; i++) {
            tasks.add(task("paged" + i, 1, "ModelArts.4902"));
        }
        page.put("total_count", 1000);
        return page;
    }

    /** An event as a consumer compares it: everything but the times it was observed and first seen. */
    private record Event(String topic, String key, Map<String, String> headers, JsonNode value) {
    }

    private static List<Event> events(List<Received> received) {
        return received.stream().map(r -> {
            Map<String, String> headers = new java.util.HashMap<>(r.headers());
            headers.remove("ce_time");
            ObjectNode value = (ObjectNode) json(r);
            value.remove("observed_at");
            value.remove("first_seen_at");
            return new Event(r.topic().substring(r.topic().indexOf('.') + 1), r.key(), headers, value);
        }).toList();
    }

    private static JsonNode json(Received event) {
        try {
            return TaskJson.MAPPER.readTree(event.value());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + event.value(), e);
        }
    }
}
