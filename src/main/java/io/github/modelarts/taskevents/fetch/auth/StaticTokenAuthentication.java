package io.github.modelarts.taskevents.fetch.auth;

import java.net.URI;
import java.util.Map;

/** Auth mode {@code token}: a ready IAM token, sent as {@code X-Auth-Token}. */
public final class StaticTokenAuthentication implements RequestAuthenticator {
    private final String token;

    public StaticTokenAuthentication(String token) {
        this.token = token;
    }

    @Override
    public Map<String, String> headersFor(String method, URI uri, Map<String, String> headers, byte[] body) {
        return Map.of("X-Auth-Token", token);
    }

    @Override
    public String toString() {
        return "StaticTokenAuthentication[token=***]";
    }
}
