package io.github.modelarts.taskevents.fetch.auth;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Auth mode {@code aksk}: signs every request with an access key pair. Adds X-Project-Id (when a project is
 * configured) and X-Security-Token (temporary credentials) before signing, so both are covered by it.
 * Call it after every other header is set: a Content-Type added later would break the signature.
 */
public final class AkSkAuthentication implements RequestAuthenticator {
    private final AkSkCredentials credentials;
    private final String projectId;
    private final AkSkSigner signer;

    /** {@code projectId} may be null: the header is then left out. */
    public AkSkAuthentication(AkSkCredentials credentials, String projectId, Clock clock) {
        this.credentials = credentials;
        this.projectId = projectId;
        this.signer = new AkSkSigner(credentials, clock);
    }

    @Override
    public void authenticate(HttpRequest.Builder request, String method, URI uri, byte[] body) {
        // setHeader, not header: a builder that is authenticated again must not carry two signatures
        if (projectId != null) {
            request.setHeader("X-Project-Id", projectId);
        }
        if (credentials.securityToken() != null) {
            request.setHeader("X-Security-Token", credentials.securityToken());
        }
        signer.sign(method, uri, headersOf(request, uri), body).forEach(request::setHeader);
    }

    /** A builder cannot be read, but a copy of it can be built: that is how the Content-Type is found. */
    private static Map<String, String> headersOf(HttpRequest.Builder request, URI uri) {
        Map<String, String> headers = new HashMap<>();
        request.copy().uri(uri).build().headers().map()
                .forEach((name, values) -> headers.put(name, values.get(0)));
        return headers;
    }

    @Override
    public String toString() {
        return "AkSkAuthentication[" + credentials + ", projectId=" + projectId + "]";
    }
}
