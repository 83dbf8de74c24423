package io.github.modelarts.taskevents.fetch.auth;

import java.net.URI;
import java.util.Map;

/** Auth mode {@code none}: for the simulator, or a gateway that authenticates by itself. */
public final class NoAuthentication implements RequestAuthenticator {
    @Override
    public Map<String, String> headersFor(String method, URI uri, Map<String, String> headers, byte[] body) {
        return Map.of();
    }
}
