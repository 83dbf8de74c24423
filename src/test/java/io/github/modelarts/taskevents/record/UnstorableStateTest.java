package io.github.modelarts.taskevents.record;

import static io.github.modelarts.taskevents.testsupport.TaskBodies.task;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.modelarts.taskevents.state.Database;
import io.github.modelarts.taskevents.task.model.TaskJson;
import io.github.modelarts.taskevents.testsupport.Pipeline;
import io.github.modelarts.taskevents.testsupport.TopicReader;
import io.github.modelarts.taskevents.testsupport.TopicReader.Received;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A task state the database refuses for good is one error event, not an ERROR every cycle and nothing else. */
class UnstorableStateTest {
    private static final String DS = "dsUnstorable";

    @Test
    void givenAStateTheDatabaseRefusesForGood_whenPolledTwice_thenOneErrorEventAndTheOtherTasksGoOn()
            throws Exception {
        try (Pipeline pipeline = new Pipeline().watching(DS + "/refused", DS + "/fine");
             TopicReader reader = pipeline.reader()) {
            try (Database database = pipeline.openDatabase(); Connection c = database.connection();
                 Statement ddl = c.createStatement()) {
                // a refusal that no retry can cure, as a constraint of an operator's (or a future schema's) would be
                ddl.execute("ALTER TABLE task_state ADD CONSTRAINT no_refused CHECK (task_id <> 'refused')");
            }
            pipeline.simulator().putTask(DS, task("refused", 3, "ModelArts.4996").toString());
            pipeline.simulator().putTask(DS, task("fine", 3, "ModelArts.4996").toString());
            pipeline.start();

            pipeline.poll();
            pipeline.poll();

            reader.await(2, record -> true);
            List<Received> all = reader.all();
            assertThat(all).extracting(Received::key).containsExactlyInAnyOrder("refused", "fine");
            Received error = all.stream().filter(record -> record.key().equals("refused")).findFirst().orElseThrow();
            JsonNode value = TaskJson.MAPPER.readTree(error.value());
            assertThat(error.topic()).isEqualTo(pipeline.topics().errors());
            assertThat(value.get("reason").asText()).isEqualTo("unstorable-state");
            assertThat(value.get("create_time").asText()).isEqualTo("2026-11-27 09:00:00");
            assertThat(value.get("error_msg").asText()).containsIgnoringCase("no_refused");
        }
    }
}
