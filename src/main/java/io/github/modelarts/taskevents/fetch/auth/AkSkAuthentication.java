package io.github.modelarts.taskevents.fetch.auth;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
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
    public Map<String, String> headersFor(String method, URI uri, Map<String, String> headers, byte[] body) {
        Map<String, String> added = new LinkedHashMap<>();
        if (projectId != null) {
            added.put("X-Project-Id", projectId);
        }
        if (credentials.securityToken() != null) {
            added.put("X-Security-Token", credentials.securityToken());
        }
        Map<String, String> signed = new LinkedHashMap<>(headers);
        signed.putAll(added);
        added.putAll(signer.sign(method, uri, signed, body));
        return added;
    }

    @Override
    public String toString() {
        return "AkSkAuthentication[" + credentials + ", projectId=" + projectId + "]";
    }
}
