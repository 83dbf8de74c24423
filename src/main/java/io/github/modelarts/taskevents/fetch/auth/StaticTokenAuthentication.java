package io.github.modelarts.taskevents.fetch.auth;

import java.net.URI;
import java.net.http.HttpRequest;

/** Auth mode {@code token}: a ready IAM token, sent as {@code X-Auth-Token}. */
public final class StaticTokenAuthentication implements RequestAuthenticator {
    private final String token;

    public StaticTokenAuthentication(String token) {
        this.token = token;
    }

    @Override
    public void authenticate(HttpRequest.Builder request, String method, URI uri, byte[] body) {
        request.header("X-Auth-Token", token);
    }

    @Override
    public String toString() {
        return "StaticTokenAuthentication[token=***]";
    }
}
