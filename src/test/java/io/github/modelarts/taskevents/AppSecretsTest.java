package io.github.modelarts.taskevents;

import static io.github.modelarts.taskevents.testsupport.TaskBodies.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.modelarts.taskevents.simulator.auth.AuthGate;
import io.github.modelarts.taskevents.testsupport.CloudCredentials;
import io.github.modelarts.taskevents.testsupport.JavaProcess;
import io.github.modelarts.taskevents.testsupport.Pipeline;
import io.github.modelarts.taskevents.testsupport.TopicReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real entry point signing real requests, then stopped: a path on which Camel, the HTTP client and the Kafka
 * producer all run, unlike a start-up refused for its settings. Its whole output must hold no secret key.
 */
class AppSecretsTest {
    private static final String DS = "dsSecrets";

    @TempDir
    Path dir;

    @Test
    void givenAkSk_whenTheAppPublishesAndIsStopped_thenNoSecretKeyInItsOutput() throws Exception {
        AuthGate gate = CloudCredentials.gate().build();
        try (Pipeline pipeline = CloudCredentials.configure(new Pipeline(gate), "aksk", gate)
                .with("poll.cron", "0/1 * * * * ?").watching(DS + "/signed");
             TopicReader reader = pipeline.reader()) {
            pipeline.simulator().putTask(DS, task("signed", 3, "ModelArts.4996").toString());
            JavaProcess app = JavaProcess.start(App.class.getName(), List.of(),
                    Map.copyOf(pipeline.environment()), dir.resolve("out.log"));
            try {
                reader.await(1, record -> record.key().equals("signed"));
            } finally {
                app.stop();
            }

            assertThat(reader.all()).singleElement().satisfies(record ->
                    assertThat(record.header("ce_type")).isEqualTo("modelarts.task.succeeded"));
            assertThat(app.output()).contains("modelarts-task-events").doesNotContain(CloudCredentials.SECRET_KEY);
        }
    }
}
