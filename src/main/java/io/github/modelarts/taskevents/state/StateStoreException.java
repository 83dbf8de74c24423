package io.github.modelarts.taskevents.state;

/**
 * The state database failed; the message says which operation, never a credential. It is one line, for the log
 * lines that quote it: H2 puts the failed SQL statement on a line of its own.
 */
public final class StateStoreException extends RuntimeException {
    public StateStoreException(String message, Throwable cause) {
        super(message + ": " + String.valueOf(cause.getMessage()).replaceAll("\\s*\\R\\s*", " "), cause);
    }
}
