package io.github.modelarts.taskevents.config;

import java.util.List;

/**
 * The settings of the operators' view (docs/observability.md): when readiness fails, and the log format.
 * Read apart from {@link Settings} so the observability wiring owns its keys.
 *
 * @param readyMaxBacklog       readiness fails when more events than this wait for Kafka
 * @param readyApiFailureCycles readiness fails after this many cycles in a row in which every poll failed
 */
public record ObserveSettings(int readyMaxBacklog, int readyApiFailureCycles) {
    private static final List<String> LOG_FORMATS = List.of("text", "json");

    public static ObserveSettings from(SettingsSource source) {
        SettingsReader read = new SettingsReader(source);
        ObserveSettings settings = new ObserveSettings(read.integer("ready.max.backlog", 1, 100_000_000),
                read.integer("ready.api.failure.cycles", 1, 1000));
        // logback applies LOG_FORMAT itself, before any setting is read; checked here so a typo fails start-up
        if (!LOG_FORMATS.contains(read.text("log.format"))) {
            read.problem("log.format", "must be one of " + LOG_FORMATS + ", got '" + read.text("log.format") + "'");
        }
        if (!read.problems().isEmpty()) {
            throw new InvalidSettingsException(read.problems());
        }
        return settings;
    }
}
