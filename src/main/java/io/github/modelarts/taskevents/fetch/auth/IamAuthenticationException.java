package io.github.modelarts.taskevents.fetch.auth;

/**
 * No IAM token could be obtained. The message says why (HTTP status, IAM error code and message, or the
 * network failure) and never holds the password or a token.
 */
public final class IamAuthenticationException extends RuntimeException {
    private final int httpStatus;

    /** {@code httpStatus} is IAM's answer, 0 when there was none. */
    public IamAuthenticationException(String message, int httpStatus, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
    }

    /**
     * IAM answered and refused the request itself (wrong user, password, domain, project, or an endpoint that
     * is not IAM): asking again cannot help, unlike after a timeout, a throttling or a server error.
     */
    public boolean credentialsRejected() {
        return httpStatus >= 400 && httpStatus < 500 && httpStatus != 408 && httpStatus != 429;
    }
}
