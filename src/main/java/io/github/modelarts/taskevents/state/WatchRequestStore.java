package io.github.modelarts.taskevents.state;

import io.github.modelarts.taskevents.task.TaskRef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last watch request applied for each task (table {@code watch_request}), for restoring them after a restart.
 * It stores a request's action by its wire name, so storage knows nothing of the watch list.
 */
public final class WatchRequestStore {
    private final Database database;

    public WatchRequestStore(Database database) {
        this.database = database;
    }

    /** Replaces the task's earlier request: only the latest one counts. */
    public void save(TaskRef ref, String action) {
        try (Connection c = database.connection();
             PreparedStatement update = c.prepareStatement(
                     "UPDATE watch_request SET action = ? WHERE dataset_id = ? AND task_id = ?")) {
            bind(update, action, ref);
            if (update.executeUpdate() == 0) {
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO watch_request (action, dataset_id, task_id) VALUES (?, ?, ?)")) {
                    bind(insert, action, ref);
                    insert.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new StateStoreException("Cannot save the watch request for " + ref, e);
        }
    }

    /** Each task's last requested action, by its wire name. */
    public Map<TaskRef, String> load() {
        Map<TaskRef, String> requests = new LinkedHashMap<>();
        try (Connection c = database.connection();
             PreparedStatement select = c.prepareStatement("SELECT dataset_id, task_id, action FROM watch_request");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                requests.put(new TaskRef(rows.getString("dataset_id"), rows.getString("task_id")),
                        rows.getString("action"));
            }
            return requests;
        } catch (SQLException e) {
            throw new StateStoreException("Cannot read the watch requests", e);
        }
    }

    private static void bind(PreparedStatement statement, String action, TaskRef ref) throws SQLException {
        statement.setString(1, action);
        statement.setString(2, ref.datasetId());
        statement.setString(3, ref.taskId());
    }
}
