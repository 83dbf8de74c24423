package io.github.modelarts.taskevents.fetch;

import io.github.modelarts.taskevents.fetch.auth.RequestAuthenticator;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpRequestInterceptor;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Adds the configured credentials to each attempt as it is sent, so a retry carries a fresh signature
 * (X-Sdk-Date) or the token renewed after a 401. Runs last: a header added after signing would break it.
 * ModelArts is only ever asked with GETs, which have no body to sign.
 */
public final class RequestSigning implements HttpRequestInterceptor {
    private static final byte[] NO_BODY = new byte[0];

    private final RequestAuthenticator authenticator;

    public RequestSigning(RequestAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public void process(HttpRequest request, EntityDetails entity, HttpContext context) throws HttpException {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : request.getHeaders()) {
            headers.putIfAbsent(header.getName(), header.getValue());
        }
        URI uri;
        try {
            uri = request.getUri();
        } catch (URISyntaxException e) {
            throw new HttpException("Request URI cannot be signed: " + e.getMessage(), e);
        }
        authenticator.headersFor(request.getMethod(), uri, headers, NO_BODY).forEach(request::setHeader);
    }
}
