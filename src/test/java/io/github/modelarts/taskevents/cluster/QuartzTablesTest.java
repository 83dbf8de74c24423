package io.github.modelarts.taskevents.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.modelarts.taskevents.config.Secret;
import io.github.modelarts.taskevents.config.Settings;
import io.github.modelarts.taskevents.state.Database;
import io.github.modelarts.taskevents.testsupport.SharedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Quartz's tables on a real PostgreSQL: created once by nodes starting together, never dropped by a later start. */
class QuartzTablesTest {
    private static final int NODES = 4;

    @TempDir
    Path dir;

    @Test
    void givenNodesStartingAtOnce_whenEachCreatesTheTables_thenAllSucceedAndTheyExistOnce() throws Exception {
        try (Database database = new Database(new Settings.State(dir, SharedPostgres.newDatabase(),
                SharedPostgres.USER, new Secret(""), Duration.ofDays(7)))) {
            DataSource pool = database.sidePool("quartz-test", NODES);
            CountDownLatch together = new CountDownLatch(NODES);
            List<CompletableFuture<Void>> starts = new ArrayList<>();
            for (int node = 0; node < NODES; node++) {
                starts.add(CompletableFuture.runAsync(() -> {
                    together.countDown();
                    await(together);
                    QuartzTables.createIfAbsent(pool);
                }));
            }
            CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();

            assertThat(quartzTables(pool)).hasSize(11).contains("qrtz_triggers", "qrtz_locks",
                    "qrtz_scheduler_state", "qrtz_fired_triggers");
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO qrtz_locks (sched_name, lock_name) VALUES ('cluster', 'TRIGGER_ACCESS')");
            }
            QuartzTables.createIfAbsent(pool);
            try (Connection c = pool.getConnection(); Statement s = c.createStatement();
                 ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM qrtz_locks")) {
                rows.next();
                assertThat(rows.getInt(1)).as("the schedule a running cluster keeps").isEqualTo(1);
            }
        }
    }

    @Test
    void givenQuartzsScript_whenRead_thenOnlyItsCreateStatementsAreRun() {
        assertThat(QuartzTables.creations()).hasSize(11 + 20)
                .allSatisfy(sql -> assertThat(sql).startsWith("CREATE ").doesNotContain("DROP", "COMMIT", "--"));
    }

    private static List<String> quartzTables(DataSource pool) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection c = pool.getConnection(); ResultSet rows = c.getMetaData().getTables(null, "public",
                "qrtz_%", new String[] {"TABLE"})) {
            while (rows.next()) {
                tables.add(rows.getString("TABLE_NAME"));
            }
        }
        return tables;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
