package io.github.modelarts.taskevents.fetch.auth;

import java.net.URI;
import java.net.http.HttpRequest;

/** Adds credentials to each ModelArts request: the one seam between fetching and authentication. */
public interface RequestAuthenticator {

    /** Adds the authentication headers for {@code method uri} with {@code body} to {@code request}. */
    void authenticate(HttpRequest.Builder request, String method, URI uri, byte[] body);

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
