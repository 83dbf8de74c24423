package io.github.modelarts.taskevents.discover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.modelarts.taskevents.simulator.RequestKind;
import io.github.modelarts.taskevents.task.model.TaskJson;
import io.github.modelarts.taskevents.testsupport.DatasetFixture;
import io.github.modelarts.taskevents.testsupport.Pipeline;
import io.github.modelarts.taskevents.testsupport.TopicReader;
import io.github.modelarts.taskevents.testsupport.TopicReader.Received;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Discovery within its page cap (DISCOVERY_MAX_PAGES): a huge listing is cut short and reported. */
class DiscoveryLimitsTest {
    private static final String DS = "dsListed";

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
