package io.github.modelarts.taskevents.fetch.auth;

import io.github.modelarts.taskevents.config.Credentials;

/** Picks the authenticator of the configured {@code MODELARTS_AUTH} mode. */
public final class Authenticators {
    private Authenticators() {
    }

    public static RequestAuthenticator from(Credentials credentials) {
        return switch (credentials.mode()) {
            case NONE -> new NoAuthentication();
            case TOKEN -> new StaticTokenAuthentication(credentials.token().reveal());
            case PASSWORD, AKSK -> throw new UnsupportedOperationException(
                    "MODELARTS_AUTH=" + credentials.mode() + " is not available yet");
        };
    }
}
