package io.github.modelarts.taskevents.fetch.auth;

/**
 * No IAM token could be obtained. The message says why (HTTP status, IAM error code and message, or the
 * network failure) and never holds the password or a token.
 */
public final class IamAuthenticationException extends RuntimeException {

    public IamAuthenticationException(String message, Throwable cause) {
        super(message, cause);
    }
}
