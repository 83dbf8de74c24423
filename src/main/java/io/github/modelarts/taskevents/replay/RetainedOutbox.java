package io.github.modelarts.taskevents.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.github.modelarts.taskevents.config.Settings;
import io.github.modelarts.taskevents.task.model.TaskJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The service's outbox table, read and never written: no schema is created or changed, the connection is read-only,
 * and an H2 file is opened in H2's read-only mode and only if it exists. H2 admits one process per file, so the
 * service must be stopped; PostgreSQL is read beside the running service.
 */
final class RetainedOutbox implements AutoCloseable {
    /** H2's "Database may be already in use": another process (the service) holds the file. */
    private static final int H2_DATABASE_IN_USE = 90020;
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() { };
    private static final String MATCHING = " FROM outbox WHERE created_at >= ? AND created_at < ?"
            + " AND (CAST(? AS VARCHAR(255)) IS NULL OR record_key = ?)";

    /** The outbox cannot be read; the message says why and what to do. */
    static final class Unreadable extends RuntimeException {
        Unreadable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Connection connection;

    private RetainedOutbox(Connection connection) {
        this.connection = connection;
    }

    static RetainedOutbox open(Settings.State state) {
        try {
            return state.jdbcUrl().isEmpty() ? openH2(state.dir()) : openJdbc(state);
        } catch (SQLException e) {
            throw new Unreadable("Cannot read the state database: " + e.getMessage(), e);
        }
    }

    /** The file the service's database keeps under {@code STATE_DIR} ({@code state.mv.db}), read-only, never created. */
    private static RetainedOutbox openH2(Path dir) throws SQLException {
        Path base = dir.toAbsolutePath().resolve("state");
        if (!Files.isRegularFile(base.resolveSibling("state.mv.db"))) {
            throw new Unreadable("No state database in STATE_DIR " + dir.toAbsolutePath() + " (no state.mv.db there):"
                    + " nothing to replay", null);
        }
        try {
            return readOnly(DriverManager.getConnection("jdbc:h2:file:" + base
                    + ";ACCESS_MODE_DATA=r;IFEXISTS=TRUE", new Properties()));
        } catch (SQLException e) {
            if (e.getErrorCode() == H2_DATABASE_IN_USE) {
                throw new Unreadable("The state database " + base + ".mv.db is in use: the service holds it."
                        + " Stop the service, then replay (an embedded H2 file admits one process; with"
                        + " STATE_JDBC_URL, PostgreSQL, replay runs beside the service)", e);
            }
            throw e;
        }
    }

    /** The password is handed to the driver only; the URL is never repeated, as it may carry one. */
    private static RetainedOutbox openJdbc(Settings.State state) throws SQLException {
        Properties credentials = new Properties();
        if (!state.jdbcUser().isEmpty()) {
            credentials.setProperty("user", state.jdbcUser());
        }
        if (!state.jdbcPassword().isBlank()) {
            credentials.setProperty("password", state.jdbcPassword().reveal());
        }
        return readOnly(DriverManager.getConnection(state.jdbcUrl(), credentials));
    }

    private static RetainedOutbox readOnly(Connection connection) throws SQLException {
        connection.setReadOnly(true);
        return new RetainedOutbox(connection);
    }

    /**
     * The published events the request selects, in the order they were recorded. Pending ones are left to the
     * service, which sends them anyway; parked ones Kafka refused for good, and would refuse again.
     */
    List<RetainedEvent> published(ReplayRequest request) {
        List<RetainedEvent> events = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT seq, ce_id, topic, record_key, headers,"
                + " payload, created_at" + MATCHING + " AND state = 'published' ORDER BY seq")) {
            bind(select, request);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    RetainedEvent event = new RetainedEvent(rows.getLong("seq"), rows.getString("ce_id"),
                            rows.getString("topic"), rows.getString("record_key"),
                            TaskJson.MAPPER.readValue(rows.getString("headers"), HEADERS), rows.getString("payload"),
                            Instant.ofEpochMilli(rows.getLong("created_at")));
                    if (request.type().isEmpty() || request.type().get().equals(event.type())) {
                        events.add(event);
                    }
                }
            }
            return events;
        } catch (SQLException | JsonProcessingException e) {
            throw new Unreadable("Cannot read the outbox: " + e.getMessage(), e);
        }
    }

    /** How many events of the request's time and task are in each state other than published, for the summary. */
    Map<String, Integer> notPublished(ReplayRequest request) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT state, headers" + MATCHING
                + " AND state <> 'published'")) {
            bind(select, request);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String type = TaskJson.MAPPER.readValue(rows.getString("headers"), HEADERS).get("ce_type");
                    if (request.type().isEmpty() || request.type().get().equals(type)) {
                        counts.merge(rows.getString("state"), 1, Integer::sum);
                    }
                }
            }
            return counts;
        } catch (SQLException | JsonProcessingException e) {
            throw new Unreadable("Cannot read the outbox: " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement select, ReplayRequest request) throws SQLException {
        select.setLong(1, request.since().toEpochMilli());
        select.setLong(2, request.until().map(Instant::toEpochMilli).orElse(Long.MAX_VALUE));
        select.setString(3, request.task().orElse(null));
        select.setString(4, request.task().orElse(null));
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // read-only: nothing is lost when the close fails
        }
    }
}
