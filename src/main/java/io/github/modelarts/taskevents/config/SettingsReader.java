package io.github.modelarts.taskevents.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.quartz.CronExpression;

/** Typed reads of raw settings; every bad value becomes one problem naming its environment variable. */
public final class SettingsReader {
    /** ModelArts IDs: letters, digits, '-', '_' and inner dots; nothing that could change a URL path. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

    private final SettingsSource source;
    private final List<String> problems = new ArrayList<>();

    SettingsReader(SettingsSource source) {
        this.source = source;
    }

    List<String> problems() {
        return problems;
    }

    String text(String key) {
        return source.get(key);
    }

    Secret secret(String key) {
        return new Secret(source.get(key));
    }

    String required(String key, String why) {
        String value = source.get(key);
        if (value.isEmpty()) {
            problem(key, "is required " + why);
        }
        return value;
    }

    int integer(String key, int min, int max) {
        String value = source.get(key);
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below with the expected range
        }
        problem(key, "must be a whole number from " + min + " to " + max + ", got '" + value + "'");
        return min;
    }

    URI httpUrl(String key) {
        String value = source.get(key);
        if (value.isEmpty()) {
            return null;
        }
        try {
            URI uri = URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && uri.getRawQuery() == null && uri.getRawFragment() == null) {
                return withoutDefaultPort(uri, scheme);
            }
        } catch (IllegalArgumentException e) {
            // reported below with the expected form
        }
        problem(key, "must be an http(s) URL such as https://modelarts.eu-de.otc.t-systems.com, got '" + value + "'");
        return null;
    }

    /**
     * {@code https://host:443} becomes {@code https://host}: the JDK client leaves a default port out of the Host
     * header, so an AK/SK signature over {@code host:443} would never match what the gateway receives.
     */
    private static URI withoutDefaultPort(URI uri, String scheme) {
        int defaultPort = scheme.equals("https") ? 443 : 80;
        if (uri.getPort() != defaultPort) {
            return uri;
        }
        String userInfo = uri.getRawUserInfo() == null ? "" : uri.getRawUserInfo() + "@";
        return URI.create(uri.getScheme() + "://" + userInfo + uri.getHost() + uri.getRawPath());
    }

    String id(String key, String value) {
        if (!isId(value)) {
            problem(key, "'" + printable(value) + "' is not a valid ID (letters, digits, '-', '_', '.')");
        }
        return value;
    }

    /** Also used for IDs that arrive at run time (watch requests), so they are held to the same rule. */
    public static boolean isId(String value) {
        return value != null && ID.matcher(value).matches() && !value.contains("..");
    }

    String cron(String key) {
        String value = source.get(key);
        if (!CronExpression.isValidExpression(value)) {
            problem(key, "must be a Quartz cron expression such as '0/30 * * * * ?', got '" + value + "'");
        }
        return value;
    }

    <E extends Enum<E>> E choice(String key, Class<E> type, Function<String, E> parse) {
        String value = source.get(key);
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            problem(key, "must be one of " + Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT)
                    + ", got '" + value + "'");
            return type.getEnumConstants()[0];
        }
    }

    List<String> list(String key) {
        return Arrays.stream(source.get(key).split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    void problem(String key, String message) {
        problems.add(SettingsSource.envName(key) + " (" + key + ") " + message);
    }

    private static String printable(String value) {
        return value.replaceAll("\\p{Cntrl}", "?");
    }
}
