package io.github.modelarts.taskevents.fetch.auth;

import io.github.modelarts.taskevents.config.InvalidSettingsException;
import io.github.modelarts.taskevents.config.SettingsSource;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs in once at start-up. Credentials IAM refuses stop the process with a message naming the settings to
 * check, since every poll would fail with them; an IAM that does not answer (network, 5xx, throttling) only
 * postpones the first token to the first poll, as it may be back by then.
 */
public final class StartupLogin {
    private static final Logger LOG = LoggerFactory.getLogger(StartupLogin.class);
    private static final String PASSWORD_SETTINGS = List.of("modelarts.username", "modelarts.password",
            "modelarts.domain", "modelarts.iam.endpoint").stream().map(SettingsSource::envName)
            .collect(Collectors.joining(", "));

    private StartupLogin() {
    }

    /** Throws {@link InvalidSettingsException} when IAM refuses the configured credentials. */
    public static void logIn(RequestAuthenticator authenticator) {
        try {
            authenticator.logIn();
        } catch (IamAuthenticationException e) {
            if (!e.credentialsRejected()) {
                LOG.warn("No IAM token at start-up, trying again at the first poll: {}", e.getMessage());
                return;
            }
            throw new InvalidSettingsException(List.of(PASSWORD_SETTINGS + ": refused by IAM at start-up; check them,"
                    + " and " + SettingsSource.envName("modelarts.project.name") + " or "
                    + SettingsSource.envName("modelarts.project.id") + " (the token's scope). " + e.getMessage()));
        }
    }
}
