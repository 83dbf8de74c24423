package io.github.modelarts.taskevents.state;

/** The state database failed; the message says which operation, never a credential. */
public final class StateStoreException extends RuntimeException {
    public StateStoreException(String message, Throwable cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
