package io.github.modelarts.taskevents.fetch.auth;

import java.net.URI;
import java.util.Map;

/** Adds credentials to each ModelArts request: the one seam between fetching and authentication. */
public interface RequestAuthenticator {

    /**
     * The headers that authenticate {@code method uri} with {@code body}, given the request's own {@code headers}
     * (a signature covers some of them).
     */
    Map<String, String> headersFor(String method, URI uri, Map<String, String> headers, byte[] body);

    /**
     * Obtains what requests will carry before the first one, where there is anything to obtain (an IAM token),
     * so that refused credentials stop start-up instead of failing every poll.
     */
    default void logIn() {
    }

    /**
     * Called after the API answered 401. Returns true when fresh credentials were obtained, so one
     * retry may succeed; false when retrying cannot help (static credentials).
     */
    default boolean renewAfterUnauthorized() {
        return false;
    }
}
