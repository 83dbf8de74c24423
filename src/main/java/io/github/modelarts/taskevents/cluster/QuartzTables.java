package io.github.modelarts.taskevents.cluster;

import io.github.modelarts.taskevents.state.StateStoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * Creates Quartz's tables in the shared PostgreSQL on the first start of any node, from the script Quartz ships
 * (its DROP statements left out, as they would wipe a running cluster's schedule). Nodes starting at once take a
 * transaction-scoped advisory lock first, so one creates them and the others find them.
 */
final class QuartzTables {
    private static final String SCRIPT = "org/quartz/impl/jdbcjobstore/tables_postgres.sql";
    /** Any constant of this project's own: the lock only has to be the same on every node. */
    private static final long LOCK_KEY = 0x6d6f64656c617274L;

    private QuartzTables() {
    }

    static void createIfAbsent(DataSource pool) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try (Statement statement = c.createStatement()) {
                statement.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
                if (!exist(c)) {
                    for (String sql : creations()) {
                        statement.execute(sql);
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StateStoreException("Cannot create Quartz's tables", e);
        }
    }

    private static boolean exist(Connection c) throws SQLException {
        // created in one transaction, so one table tells of all; unquoted, so PostgreSQL keeps the name in lower case
        try (PreparedStatement query = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            query.setString(1, "qrtz_locks");
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getBoolean(1);
            }
        }
    }

    /** The script's CREATE statements, without comments, DROPs or its final COMMIT (the lock's transaction commits). */
    static List<String> creations() {
        return Arrays.stream(script().split(";"))
                .map(QuartzTables::withoutComments)
                .filter(sql -> sql.toUpperCase(Locale.ROOT).startsWith("CREATE "))
                .toList();
    }

    private static String withoutComments(String sql) {
        return sql.lines().filter(line -> !line.trim().startsWith("--")).reduce("", (a, b) -> a + "\n" + b).trim();
    }

    private static String script() {
        try (InputStream in = QuartzTables.class.getClassLoader().getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException(SCRIPT + " is not on the classpath (the quartz jar)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
