package io.github.modelarts.taskevents.config;

import java.net.URI;
import java.util.List;

/** The authentication mode and what it needs; secrets stay wrapped so no toString can leak them. */
public record Credentials(
        AuthMode mode,
        Secret token,
        URI iamEndpoint,
        String username,
        Secret password,
        String domain,
        String projectName,
        String accessKey,
        Secret secretKey,
        Secret securityToken) {

    static Credentials from(SettingsReader read) {
        AuthMode mode = read.choice("modelarts.auth", AuthMode.class, AuthMode::parse);
        Credentials credentials = new Credentials(mode,
                read.secret("modelarts.token"),
                read.httpUrl("modelarts.iam.endpoint"),
                read.text("modelarts.username"),
                read.secret("modelarts.password"),
                read.text("modelarts.domain"),
                read.text("modelarts.project.name"),
                read.text("modelarts.ak"),
                read.secret("modelarts.sk"),
                read.secret("modelarts.security.token"));
        for (String header : List.of("modelarts.token", "modelarts.ak", "modelarts.security.token")) {
            read.headerValue(header);
        }
        String because = "when MODELARTS_AUTH=" + mode.name().toLowerCase(java.util.Locale.ROOT);
        switch (mode) {
            case TOKEN -> read.required("modelarts.token", because);
            case PASSWORD -> {
                read.required("modelarts.iam.endpoint", because);
                read.required("modelarts.username", because);
                read.required("modelarts.password", because);
                read.required("modelarts.domain", because);
            }
            case AKSK -> {
                read.required("modelarts.ak", because);
                read.required("modelarts.sk", because);
            }
            case NONE -> { }
        }
        return credentials;
    }
}
