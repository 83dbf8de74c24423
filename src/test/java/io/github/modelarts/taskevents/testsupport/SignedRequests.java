package io.github.modelarts.taskevents.testsupport;

import io.github.modelarts.taskevents.fetch.auth.RequestAuthenticator;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.Map;

/** Applies an authenticator to a JDK request, for tests that send signed requests of their own. */
public final class SignedRequests {
    private SignedRequests() {
    }

    /** Adds the authenticator's headers to {@code request}, covering the headers it already has. */
    public static HttpRequest.Builder authenticate(RequestAuthenticator authenticator, HttpRequest.Builder request,
                                                   String method, URI uri, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        request.copy().uri(uri).build().headers().map().forEach((name, values) -> headers.put(name, values.get(0)));
        // setHeader, not header: a request authenticated again must not carry two signatures
        authenticator.headersFor(method, uri, headers, body).forEach(request::setHeader);
        return request;
    }
}
