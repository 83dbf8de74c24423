package io.github.modelarts.taskevents.state;

/**
 * The state database failed; the message says which operation, never a credential. It is one line, for the log
 * lines that quote it: H2 puts the failed SQL statement on a line of its own.
 */
public final class StateStoreException extends RuntimeException {
    public StateStoreException(String message, Throwable cause) {
        super(message + ": " + String.valueOf(cause.getMessage()).replaceAll("\\s*\\R\\s*", " "), cause);
    }

    /**
     * Whether the same write would fail again: the database refused the data itself (SQLState class 22, data
     * exception) or a constraint (class 23), not a connection, a lock or a lack of resources.
     */
    public boolean isPermanent() {
        for (Throwable cause = getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23"))) {
                return true;
            }
        }
        return false;
    }
}
