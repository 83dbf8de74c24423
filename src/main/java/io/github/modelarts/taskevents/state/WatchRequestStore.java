package io.github.modelarts.taskevents.state;

import io.github.modelarts.taskevents.task.TaskRef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last watch request applied for each task and when (table {@code watch_request}), for restoring them after a
 * restart and forgetting them once they are no longer needed. It stores a request's action by its wire name, so
 * storage knows nothing of the watch list.
 */
public final class WatchRequestStore {
    private final Database database;

    public WatchRequestStore(Database database) {
        this.database = database;
    }

    /** Replaces the task's earlier request: only the latest one counts, and its age starts again. */
    public void save(TaskRef ref, String action, Instant requestedAt) {
        try (Connection c = database.connection();
             PreparedStatement update = c.prepareStatement(
                     "UPDATE watch_request SET action = ?, requested_at = ? WHERE dataset_id = ? AND task_id = ?")) {
            bind(update, action, requestedAt, ref);
            if (update.executeUpdate() == 0) {
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO watch_request (action, requested_at, dataset_id, task_id) VALUES (?, ?, ?, ?)")) {
                    bind(insert, action, requestedAt, ref);
                    insert.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new StateStoreException("Cannot save the watch request for " + ref, e);
        }
    }

    /** Each task's last requested action, by its wire name. */
    public Map<TaskRef, String> load() {
        return requestedBefore(Long.MAX_VALUE);
    }

    /** The requests made before {@code cutoff}: the only ones that may be forgotten. */
    public Map<TaskRef, String> requestedBefore(Instant cutoff) {
        return requestedBefore(cutoff.toEpochMilli());
    }

    /** Deletes the requests of {@code refs} made before {@code cutoff}; one renewed since is kept. */
    public void forget(Collection<TaskRef> refs, Instant cutoff) {
        try (Connection c = database.connection(); PreparedStatement delete = c.prepareStatement(
                "DELETE FROM watch_request WHERE dataset_id = ? AND task_id = ? AND requested_at < ?")) {
            c.setAutoCommit(false);
            for (TaskRef ref : refs) {
                delete.setString(1, ref.datasetId());
                delete.setString(2, ref.taskId());
                delete.setLong(3, cutoff.toEpochMilli());
                delete.addBatch();
            }
            delete.executeBatch();
            c.commit();
        } catch (SQLException e) {
            throw new StateStoreException("Cannot delete " + refs.size() + " watch requests", e);
        }
    }

    private Map<TaskRef, String> requestedBefore(long cutoffMillis) {
        Map<TaskRef, String> requests = new LinkedHashMap<>();
        try (Connection c = database.connection(); PreparedStatement select = c.prepareStatement(
                "SELECT dataset_id, task_id, action FROM watch_request WHERE requested_at < ?")) {
            select.setLong(1, cutoffMillis);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    requests.put(new TaskRef(rows.getString("dataset_id"), rows.getString("task_id")),
                            rows.getString("action"));
                }
            }
            return requests;
        } catch (SQLException e) {
            throw new StateStoreException("Cannot read the watch requests", e);
        }
    }

    private static void bind(PreparedStatement statement, String action, Instant requestedAt, TaskRef ref)
            throws SQLException {
        statement.setString(1, action);
        statement.setLong(2, requestedAt.toEpochMilli());
        statement.setString(3, ref.datasetId());
        statement.setString(4, ref.taskId());
    }
}
