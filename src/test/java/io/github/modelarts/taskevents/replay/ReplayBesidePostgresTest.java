package io.github.modelarts.taskevents.replay;

import static io.github.modelarts.taskevents.testsupport.TaskBodies.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.modelarts.taskevents.testsupport.Pipeline;
import io.github.modelarts.taskevents.testsupport.TopicReader;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** With the state in PostgreSQL, a replay runs while the service does, and leaves its outbox as it was. */
class ReplayBesidePostgresTest {
    private static final String DS = "OBegCXHxTJ2JHRAZWr0";

    @Test
    void givenTheServiceRunningOnPostgres_whenATaskIsReplayed_thenItsEventIsSentAgainByteForByte() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start();
             Pipeline pipeline = new Pipeline().watching(DS + "/first", DS + "/second")) {
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE replay");
            }
            pipeline.with("state.jdbc.url", postgres.getJdbcUrl("postgres", "replay")).with("state.jdbc.user", "postgres");
            pipeline.simulator().putTask(DS, task("first", 3, "ModelArts.4996"));
            pipeline.simulator().putTask(DS, task("second", 3, "ModelArts.4996"));
            Instant since = Instant.now().minusSeconds(60);
            pipeline.start();
            pipeline.poll();
            try (TopicReader reader = pipeline.reader()) {
                reader.awaitOnTopic(pipeline.topics().completed(), 2);
            }
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> pipeline.application().store().backlog() == 0);
            Map<String, List<Wire>> before = Wire.onTopics(pipeline.topics());
            Wire original = before.get(pipeline.topics().completed()).stream()
                    .filter(w -> w.keyText().equals("second")).findFirst().orElseThrow();
            ByteArrayOutputStream out = new ByteArrayOutputStream();

            int status = new ReplayCommand(pipeline.environment(), Map.of(), Clock.systemUTC(),
                    new PrintStream(out, true, StandardCharsets.UTF_8), System.err)
                    .run(List.of("--since", since.toString(), "--task", "second"));

            assertThat(status).isEqualTo(ReplayCommand.SENT);
            assertThat(out.toString(StandardCharsets.UTF_8)).endsWith("replayed 1 event\n");
            assertThat(Wire.addedSince(before, pipeline.topics())).containsExactly(original);
            assertThat(pipeline.application().store().backlog()).isZero();
        }
    }
}
