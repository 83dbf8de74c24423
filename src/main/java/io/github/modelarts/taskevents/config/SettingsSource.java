package io.github.modelarts.taskevents.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Raw setting values: {@code application.properties} (defaults and documentation), overridden by the
 * environment variable named after the key ({@code poll.cron} → {@code POLL_CRON}, the same rule Camel
 * applies), overridden in turn by explicit values (the demo, tests).
 */
public final class SettingsSource {
    private final Map<String, String> values;

    private SettingsSource(Map<String, String> values) {
        this.values = values;
    }

    public static SettingsSource load(Map<String, String> env, Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>();
        Properties defaults = classpathProperties();
        for (String key : defaults.stringPropertyNames()) {
            values.put(key, env.getOrDefault(envName(key), defaults.getProperty(key)));
        }
        values.putAll(overrides);
        return new SettingsSource(values);
    }

    /** The environment variable that overrides {@code key}. */
    public static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The trimmed value, or "" when unset. */
    public String get(String key) {
        String value = values.get(key);
        return value == null ? "" : value.trim();
    }

    /** Every key that has a value, for handing to Camel's property placeholders. */
    public Map<String, String> asMap() {
        return Map.copyOf(values);
    }

    private static Properties classpathProperties() {
        Properties properties = new Properties();
        try (InputStream in = SettingsSource.class.getClassLoader().getResourceAsStream("application.properties")) {
            if (in == null) {
                throw new IllegalStateException("application.properties is not on the classpath");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
