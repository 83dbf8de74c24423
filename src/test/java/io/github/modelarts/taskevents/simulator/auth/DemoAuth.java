package io.github.modelarts.taskevents.simulator.auth;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code SimulatorMain --auth token|password|aksk}: a gate that lets in only that mode's demo credentials,
 * and the environment that points this project (or any client) at the simulator with them. The credentials
 * are fixed, apart from the token, so a developer's run configuration keeps working across restarts.
 */
public final class DemoAuth {
    static final String DOMAIN = "demo-domain";
    static final String USER = "demo-user";
    static final String PASSWORD = "demo-password";
    static final String ACCESS_KEY = "DEMOACCESSKEY0000001";
    static final String SECRET_KEY = "demo-secret-key";

    private final String projectId;
    private final AuthGate gate;
    private final Map<String, String> credentials;

    private DemoAuth(String projectId, AuthGate gate, Map<String, String> credentials) {
        this.projectId = projectId;
        this.gate = gate;
        this.credentials = credentials;
    }

    /** Throws IllegalArgumentException for a mode other than token, password or aksk. */
    public static DemoAuth of(String mode, String projectId, Duration tokenTtl) {
        AuthGate.Builder builder = AuthGate.builder().tokenTtl(tokenTtl);
        Map<String, String> credentials = new LinkedHashMap<>();
        credentials.put("MODELARTS_AUTH", mode);
        switch (mode) {
            case "token" -> {
                AuthGate gate = builder.build();
                credentials.put("MODELARTS_TOKEN", gate.issueToken());
                return new DemoAuth(projectId, gate, credentials);
            }
            case "password" -> {
                builder.account(new IamAccount(DOMAIN, USER, PASSWORD, projectId, "demo-region"));
                credentials.put("MODELARTS_USERNAME", USER);
                credentials.put("MODELARTS_PASSWORD", PASSWORD);
                credentials.put("MODELARTS_DOMAIN", DOMAIN);
            }
            case "aksk" -> {
                builder.accessKey(ACCESS_KEY, SECRET_KEY);
                credentials.put("MODELARTS_AK", ACCESS_KEY);
                credentials.put("MODELARTS_SK", SECRET_KEY);
            }
            default -> throw new IllegalArgumentException("--auth must be token, password or aksk, got '" + mode + "'");
        }
        return new DemoAuth(projectId, builder.build(), credentials);
    }

    public AuthGate gate() {
        return gate;
    }

    /** The environment variables a client needs for a simulator at {@code baseUrl}, in the order to print. */
    public Map<String, String> environment(String baseUrl) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MODELARTS_ENDPOINT", baseUrl);
        env.put("MODELARTS_PROJECT_ID", projectId);
        env.putAll(credentials);
        if (credentials.containsKey("MODELARTS_USERNAME")) {
            env.put("MODELARTS_IAM_ENDPOINT", baseUrl);
        }
        return env;
    }
}
