package io.github.modelarts.taskevents.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.github.modelarts.taskevents.event.TaskEvent;
import io.github.modelarts.taskevents.task.RunHistory;
import io.github.modelarts.taskevents.task.TaskMemory;
import io.github.modelarts.taskevents.task.TaskRef;
import io.github.modelarts.taskevents.task.model.TaskJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The durable memory: each task's last state, and the outbox of events not yet acknowledged by Kafka (and of those
 * Kafka refused for good, parked).
 * A task's new state and its event are written in one transaction, so after any crash either both or
 * neither are there; an event id already in the outbox is never recorded twice.
 */
public final class StateStore {
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() { };
    private static final String SELECT_TASK = "SELECT dataset_id, task_id, run, status, code, terminal, task_name,"
            + " last_event_type, last_event_at, progress, event_sequence, first_seen_at, last_change_at, stall_reported,"
            + " consecutive_failures, reported_failure, last_failure FROM task_state";

    private final Database database;
    private final boolean sharedFailureStreaks;

    public StateStore(Database database) {
        this(database, false);
    }

    /**
     * {@code sharedFailureStreaks}: the tasks read back with their failure streaks (cluster mode, where the next cycle
     * may run on another node). Without, a task read back starts a new streak, as its stored one may be stale: it is
     * only written along with a durable change.
     */
    public StateStore(Database database, boolean sharedFailureStreaks) {
        this.database = database;
        this.sharedFailureStreaks = sharedFailureStreaks;
    }

    public Map<TaskRef, TaskMemory> loadTasks() {
        Map<TaskRef, TaskMemory> tasks = new HashMap<>();
        try (Connection c = database.connection(); PreparedStatement select = c.prepareStatement(SELECT_TASK);
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                tasks.put(new TaskRef(rows.getString("dataset_id"), rows.getString("task_id")), memory(rows));
            }
            return tasks;
        } catch (SQLException e) {
            throw new StateStoreException("Cannot read task state", e);
        }
    }

    /** One task's durable memory, {@link TaskMemory#NEW} if none is stored; reads that one row only. */
    public TaskMemory loadTask(TaskRef ref) {
        try (Connection c = database.connection(); PreparedStatement select = c.prepareStatement(
                SELECT_TASK + " WHERE dataset_id = ? AND task_id = ?")) {
            select.setString(1, ref.datasetId());
            select.setString(2, ref.taskId());
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? memory(rows) : TaskMemory.NEW;
            }
        } catch (SQLException e) {
            throw new StateStoreException("Cannot read the state of " + ref, e);
        }
    }

    private TaskMemory memory(ResultSet row) throws SQLException {
        int status = row.getInt("status");
        Integer maybeStatus = row.wasNull() ? null : status;
        double progress = row.getDouble("progress");
        Double maybeProgress = row.wasNull() ? null : progress;
        // a row of an earlier version has no history: its run goes on from its next sighting
        RunHistory history = new RunHistory(row.getInt("event_sequence"), instant(row, "first_seen_at"),
                instant(row, "last_change_at"), row.getBoolean("stall_reported"));
        TaskMemory restored = TaskMemory.restored(row.getString("run"), maybeStatus, row.getString("code"),
                row.getBoolean("terminal"), row.getString("task_name"), maybeProgress, row.getString("last_event_type"),
                instant(row, "last_event_at"), history);
        return sharedFailureStreaks ? restored.withFailureStreak(row.getInt("consecutive_failures"),
                row.getString("reported_failure"), row.getString("last_failure")) : restored;
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        long millis = row.getLong(column);
        return row.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    /** Saves the task's memory and, when given, appends its event to the outbox; both or neither. */
    public void record(TaskRef ref, TaskMemory memory, Optional<TaskEvent> event) {
        inTransaction("Cannot record state of " + ref, c -> write(c, ref, memory, event));
    }

    /** Several tasks' {@link #record}s in one transaction: all of them or, on any failure, none. */
    void recordAll(List<GroupCommit.Pending> writes) {
        inTransaction("Cannot record the state of " + writes.size() + " tasks", c -> {
            for (GroupCommit.Pending pending : writes) {
                write(c, pending.ref(), pending.memory(), pending.event());
            }
        });
    }

    private static void write(Connection c, TaskRef ref, TaskMemory memory, Optional<TaskEvent> event)
            throws SQLException {
        saveTask(c, ref, memory);
        if (event.isPresent()) {
            appendToOutbox(c, event.get());
        }
    }

    /** Appends an event that changes no task's state: a failed list call, a malformed watch request. */
    public void recordEvent(TaskEvent event) {
        try (Connection c = database.connection()) {
            appendToOutbox(c, event);
        } catch (SQLException e) {
            throw new StateStoreException("Cannot record event " + event.id(), e);
        }
    }

    /**
     * Up to {@code limit} records waiting for Kafka, oldest first, without those of {@code heldKeys}: a key whose
     * oldest record waits for a retry has its later records wait too, and must not fill the batch of the others.
     */
    public List<OutboxRecord> pending(int limit, Set<String> heldKeys) {
        return pending(limit, Long.MAX_VALUE, heldKeys);
    }

    /**
     * As {@link #pending(int, Set)}, and no more records than fit in {@code maxChars} characters of payload, one at
     * least: a batch of the largest events would not fit in a small heap.
     */
    public List<OutboxRecord> pending(int limit, long maxChars, Set<String> heldKeys) {
        List<OutboxRecord> records = new ArrayList<>();
        try (Connection c = database.connection(); PreparedStatement select = c.prepareStatement(
                "SELECT seq, ce_id, topic, record_key, headers, payload FROM outbox"
                        + " WHERE state = 'pending' AND seq > ? ORDER BY seq")) {
            select.setMaxRows(limit);
            long after = Long.MIN_VALUE;
            long chars = 0;
            boolean more = true;
            while (more && records.size() < limit && chars < maxChars) {
                select.setLong(1, after);
                int read = 0;
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next() && records.size() < limit && chars < maxChars) {
                        read++;
                        after = rows.getLong("seq");
                        if (heldKeys.contains(rows.getString("record_key"))) {
                            continue;
                        }
                        String payload = rows.getString("payload");
                        if (!records.isEmpty() && chars + payload.length() > maxChars) {
                            return records;
                        }
                        chars += payload.length();
                        records.add(new OutboxRecord(after, rows.getString("ce_id"), rows.getString("topic"),
                                rows.getString("record_key"),
                                TaskJson.MAPPER.readValue(rows.getString("headers"), HEADERS), payload));
                    }
                }
                more = read == limit;
            }
            return records;
        } catch (SQLException | JsonProcessingException e) {
            throw new StateStoreException("Cannot read the outbox", asSql(e));
        }
    }

    /** Marks the records published, all in one transaction. */
    public void markPublished(List<Long> seqs) {
        try (Connection c = database.connection();
             PreparedStatement update = c.prepareStatement("UPDATE outbox SET state = 'published' WHERE seq = ?")) {
            c.setAutoCommit(false);
            for (long seq : seqs) {
                update.setLong(1, seq);
                update.addBatch();
            }
            update.executeBatch();
            c.commit();
        } catch (SQLException e) {
            throw new StateStoreException("Cannot mark outbox records " + seqs + " published", e);
        }
    }

    /**
     * Takes a record Kafka refused for good out of the queue, and records its error event (when it has one) in the
     * same transaction, so a crash leaves either both or neither.
     */
    public void park(long seq, Optional<TaskEvent> errorEvent) {
        inTransaction("Cannot park outbox record " + seq, c -> {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE outbox SET state = 'parked' WHERE seq = ? AND state = 'pending'")) {
                update.setLong(1, seq);
                update.executeUpdate();
            }
            if (errorEvent.isPresent()) {
                appendToOutbox(c, errorEvent.get());
            }
        });
    }

    /**
     * Forgets events Kafka acknowledged before {@code before}. Safe: a task's durable state, not the
     * outbox, is what stops an outcome from being published again.
     */
    public int prunePublished(Instant before) {
        try (Connection c = database.connection(); PreparedStatement delete = c.prepareStatement(
                "DELETE FROM outbox WHERE state = 'published' AND created_at < ?")) {
            delete.setLong(1, before.toEpochMilli());
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new StateStoreException("Cannot prune the outbox", e);
        }
    }

    /** Events recorded but not yet acknowledged by Kafka, parked ones left out. */
    public long backlog() {
        return count("pending");
    }

    /** Events Kafka refused for good, which wait for an operator. */
    public long parked() {
        return count("parked");
    }

    private long count(String state) {
        try (Connection c = database.connection(); PreparedStatement count = c.prepareStatement(
                "SELECT COUNT(*) FROM outbox WHERE state = ?")) {
            count.setString(1, state);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new StateStoreException("Cannot count the outbox", e);
        }
    }

    /** When the oldest event still waiting for Kafka was observed; empty when none waits. */
    public Optional<Instant> oldestPending() {
        try (Connection c = database.connection(); PreparedStatement oldest = c.prepareStatement(
                "SELECT MIN(created_at) FROM outbox WHERE state = 'pending'");
             ResultSet rows = oldest.executeQuery()) {
            rows.next();
            long createdAt = rows.getLong(1);
            return rows.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(createdAt));
        } catch (SQLException e) {
            throw new StateStoreException("Cannot read the outbox", e);
        }
    }

    private interface Writes {
        void to(Connection c) throws SQLException;
    }

    /** {@code writes} in one transaction: all of them or, on any failure, none. */
    private void inTransaction(String failure, Writes writes) {
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            try {
                writes.to(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StateStoreException(failure, e);
        }
    }

    private static void saveTask(Connection c, TaskRef ref, TaskMemory memory) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE task_state SET run = ?, status = ?, code = ?,"
                + " terminal = ?, task_name = ?, last_event_type = ?, last_event_at = ?, progress = ?, event_sequence = ?,"
                + " first_seen_at = ?, last_change_at = ?, stall_reported = ?, consecutive_failures = ?,"
                + " reported_failure = ?, last_failure = ? WHERE dataset_id = ? AND task_id = ?")) {
            bindTask(update, memory, ref, 1);
            if (update.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO task_state (run, status, code, terminal,"
                + " task_name, last_event_type, last_event_at, progress, event_sequence, first_seen_at, last_change_at,"
                + " stall_reported, consecutive_failures, reported_failure, last_failure, dataset_id, task_id)"
                + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            bindTask(insert, memory, ref, 1);
            insert.executeUpdate();
        }
    }

    private static void bindTask(PreparedStatement statement, TaskMemory memory, TaskRef ref, int first)
            throws SQLException {
        statement.setString(first, storable(memory.run()));
        statement.setObject(first + 1, memory.status(), Types.INTEGER);
        statement.setString(first + 2, storable(memory.code()));
        statement.setBoolean(first + 3, memory.terminal());
        statement.setString(first + 4, displayable(memory.taskName()));
        statement.setString(first + 5, memory.lastEventType());
        statement.setObject(first + 6, millis(memory.lastEventAt()), Types.BIGINT);
        statement.setObject(first + 7, memory.progress(), Types.DOUBLE);
        RunHistory history = memory.history();
        statement.setInt(first + 8, history.sequence());
        statement.setObject(first + 9, millis(history.firstSeenAt()), Types.BIGINT);
        statement.setObject(first + 10, millis(history.lastChangeAt()), Types.BIGINT);
        statement.setBoolean(first + 11, history.stallReported());
        statement.setInt(first + 12, memory.consecutiveFailures());
        statement.setString(first + 13, memory.reportedFailure());
        statement.setString(first + 14, memory.lastFailure());
        statement.setString(first + 15, ref.datasetId());
        statement.setString(first + 16, ref.taskId());
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    private static void appendToOutbox(Connection c, TaskEvent event) throws SQLException {
        try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM outbox WHERE ce_id = ?")) {
            exists.setString(1, event.id());
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO outbox (ce_id, topic, record_key, headers,"
                + " payload, created_at, state) VALUES (?, ?, ?, ?, ?, ?, 'pending')")) {
            insert.setString(1, event.id());
            insert.setString(2, event.topic());
            insert.setString(3, event.key());
            insert.setString(4, TaskJson.MAPPER.valueToTree(event.headers()).toString());
            insert.setString(5, event.value());
            insert.setLong(6, event.time().toEpochMilli());
            insert.executeUpdate();
        }
    }

    /**
     * A string from the API as every supported database stores it: PostgreSQL refuses U+0000 in text, so it
     * becomes U+FFFD. A run that had one then differs from the API's after a restart, so the task is decided
     * again; its event has the ce_id of the first, which the outbox (and after it, consumers) drop.
     */
    private static String storable(String value) {
        return value == null ? null : value.replace('\0', '\uFFFD');
    }

    /** A name for people: cut to its column, ending in '…' when cut, never between the halves of a pair. */
    private static String displayable(String name) {
        String value = storable(name);
        if (value == null || value.length() <= Database.TASK_NAME_LENGTH) {
            return value;
        }
        int end = Database.TASK_NAME_LENGTH - 1;
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(0, end) + "…";
    }

    private static SQLException asSql(Exception e) {
        return e instanceof SQLException sql ? sql : new SQLException(e.getMessage(), e);
    }
}
