package io.github.modelarts.taskevents.config;

import java.util.List;

/**
 * The settings of the operators' view (docs/observability.md): when readiness fails, who may read the tasks
 * view, and the log format. Read apart from {@link Settings} so the observability wiring owns its keys.
 *
 * @param readyMaxBacklog       readiness fails when more events than this wait for Kafka
 * @param readyApiFailureCycles readiness fails after this many cycles in a row in which every poll failed
 * @param managementToken       the bearer token {@code /observe/tasks} requires; blank when it is open
 */
public record ObserveSettings(int readyMaxBacklog, int readyApiFailureCycles, Secret managementToken) {
    private static final List<String> LOG_FORMATS = List.of("text", "json");
    /** Shorter tokens can be guessed by trying; 16 random characters cannot. */
    private static final int MIN_TOKEN_LENGTH = 16;

    public static ObserveSettings from(SettingsSource source) {
        SettingsReader read = new SettingsReader(source);
        ObserveSettings settings = new ObserveSettings(read.integer("ready.max.backlog", 1, 100_000_000),
                read.integer("ready.api.failure.cycles", 1, 1000), managementToken(read));
        // logback applies LOG_FORMAT itself, before any setting is read; checked here so a typo fails start-up
        if (!LOG_FORMATS.contains(read.text("log.format"))) {
            read.problem("log.format", "must be one of " + LOG_FORMATS + ", got '" + read.text("log.format") + "'");
        }
        if (!read.problems().isEmpty()) {
            throw new InvalidSettingsException(read.problems());
        }
        return settings;
    }

    private static Secret managementToken(SettingsReader read) {
        Secret token = read.secret("management.token");
        if (!token.isBlank()) {
            read.headerValue("management.token");
            if (token.reveal().length() < MIN_TOKEN_LENGTH) {
                read.problem("management.token", "must be at least " + MIN_TOKEN_LENGTH + " characters long");
            }
        }
        return token;
    }
}
