package io.github.modelarts.taskevents.fetch.auth;

/**
 * An access key pair for {@code SDK-HMAC-SHA256} signing. {@code securityToken} is set only for temporary
 * (STS) credentials, otherwise it is null.
 */
public record AkSkCredentials(String accessKey, String secretKey, String securityToken) {

    public AkSkCredentials {
        Required.text(accessKey, "access key");
        Required.text(secretKey, "secret key");
    }

    public AkSkCredentials(String accessKey, String secretKey) {
        this(accessKey, secretKey, null);
    }

    /** The access key stays visible because it only names the key pair; it is also sent in clear. */
    @Override
    public String toString() {
        return "AkSkCredentials[accessKey=" + accessKey + ", secretKey=***"
                + (securityToken == null ? "" : ", securityToken=***") + "]";
    }
}
