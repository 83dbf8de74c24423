package io.github.modelarts.taskevents.state;

import io.github.modelarts.taskevents.watch.TaskRef;
import io.github.modelarts.taskevents.watch.WatchRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The last watch request applied for each task (table {@code watch_request}), for restoring them after a restart. */
public final class WatchRequestStore {
    private final Database database;

    public WatchRequestStore(Database database) {
        this.database = database;
    }

    /** Replaces the task's earlier request: only the latest one counts. */
    public void save(WatchRequest request) {
        TaskRef ref = request.ref();
        try (Connection c = database.connection();
             PreparedStatement update = c.prepareStatement(
                     "UPDATE watch_request SET action = ? WHERE dataset_id = ? AND task_id = ?")) {
            bind(update, request.action().wireName(), ref);
            if (update.executeUpdate() == 0) {
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO watch_request (action, dataset_id, task_id) VALUES (?, ?, ?)")) {
                    bind(insert, request.action().wireName(), ref);
                    insert.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new StateStoreException("Cannot save the watch request for " + ref, e);
        }
    }

    public List<WatchRequest> load() {
        List<WatchRequest> requests = new ArrayList<>();
        try (Connection c = database.connection();
             PreparedStatement select = c.prepareStatement("SELECT dataset_id, task_id, action FROM watch_request");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                requests.add(new WatchRequest(new TaskRef(rows.getString("dataset_id"), rows.getString("task_id")),
                        WatchRequest.Action.of(rows.getString("action"))));
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
