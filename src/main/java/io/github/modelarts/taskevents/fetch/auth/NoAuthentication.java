package io.github.modelarts.taskevents.fetch.auth;

import java.net.URI;
import java.net.http.HttpRequest;

/** Auth mode {@code none}: for the simulator, or a gateway that authenticates by itself. */
public final class NoAuthentication implements RequestAuthenticator {
    @Override
    public void authenticate(HttpRequest.Builder request, String method, URI uri, byte[] body) {
        // nothing to add
    }
}
