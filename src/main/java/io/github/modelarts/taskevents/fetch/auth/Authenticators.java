package io.github.modelarts.taskevents.fetch.auth;

import io.github.modelarts.taskevents.config.Credentials;
import java.time.Clock;
import java.util.function.Supplier;
import org.apache.camel.ProducerTemplate;

/** Picks the authenticator of the configured {@code MODELARTS_AUTH} mode. */
public final class Authenticators {
    private Authenticators() {
    }

    /** {@code camel} carries IAM's token requests, once Camel has started. */
    public static RequestAuthenticator from(Credentials credentials, String projectId, Supplier<ProducerTemplate> camel,
                                            Clock clock, TokenListener listener) {
        return switch (credentials.mode()) {
            case NONE -> new NoAuthentication();
            case TOKEN -> new StaticTokenAuthentication(credentials.token().reveal());
            case PASSWORD -> new PasswordTokenAuthentication(
                    new IamTokenClient(camel, credentials.iamEndpoint(), new IamPasswordCredentials(
                            credentials.username(), credentials.password().reveal(), credentials.domain(),
                            credentials.projectName().isEmpty() ? projectId : null,
                            credentials.projectName().isEmpty() ? null : credentials.projectName()),
                            clock),
                    clock, PasswordTokenAuthentication.DEFAULT_RENEW_MARGIN,
                    PasswordTokenAuthentication.DEFAULT_MIN_RENEWAL_INTERVAL, listener);
            case AKSK -> new AkSkAuthentication(new AkSkCredentials(credentials.accessKey(),
                    credentials.secretKey().reveal(),
                    credentials.securityToken().isBlank() ? null : credentials.securityToken().reveal()),
                    projectId, clock);
        };
    }
}
