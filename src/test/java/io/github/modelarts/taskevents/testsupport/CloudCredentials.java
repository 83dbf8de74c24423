package io.github.modelarts.taskevents.testsupport;

import io.github.modelarts.taskevents.simulator.RequestGate;
import io.github.modelarts.taskevents.simulator.auth.AuthGate;
import io.github.modelarts.taskevents.simulator.auth.IamAccount;

/** One IAM user and one key pair the simulated cloud knows, and pipelines that authenticate with them. */
public final class CloudCredentials {
    public static final String DOMAIN = "acme-domain";
    public static final String USER = "poller";
    public static final String PASSWORD = "pw-Secret-4711";
    public static final String ACCESS_KEY = "AKTESTACCESSKEY00001";
    public static final String SECRET_KEY = "sk-Secret-0815";

    private CloudCredentials() {
    }

    /** A gate knowing the user (project {@link Pipeline#PROJECT}) and the key pair; TTL and clock still open. */
    public static AuthGate.Builder gate() {
        return AuthGate.builder()
                .account(new IamAccount(DOMAIN, USER, PASSWORD, Pipeline.PROJECT, "eu-de"))
                .accessKey(ACCESS_KEY, SECRET_KEY);
    }

    /** A pipeline in auth {@code mode} (none, token, password, aksk) against a simulator behind {@code gate}. */
    public static Pipeline pipeline(String mode, AuthGate gate) {
        return configure(new Pipeline(mode.equals("none") ? RequestGate.ALLOW_ALL : gate), mode, gate);
    }

    /** Sets the settings of auth {@code mode}; in mode token with a fresh token {@code gate} issued. */
    public static Pipeline configure(Pipeline pipeline, String mode, AuthGate gate) {
        pipeline.with("modelarts.auth", mode);
        switch (mode) {
            case "token" -> pipeline.with("modelarts.token", gate.issueToken());
            case "password" -> pipeline.with("modelarts.iam.endpoint", pipeline.simulator().baseUrl())
                    .with("modelarts.username", USER)
                    .with("modelarts.password", PASSWORD)
                    .with("modelarts.domain", DOMAIN);
            case "aksk" -> pipeline.with("modelarts.ak", ACCESS_KEY).with("modelarts.sk", SECRET_KEY);
            default -> { }
        }
        return pipeline;
    }
}
