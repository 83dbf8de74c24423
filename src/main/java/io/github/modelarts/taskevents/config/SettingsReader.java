package io.github.modelarts.taskevents.config;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.quartz.CronExpression;

/** Typed reads of raw settings; every bad value becomes one problem naming its environment variable. */
public final class SettingsReader {
    /** ModelArts IDs: letters, digits, '-', '_' and inner dots; nothing that could change a URL path. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
    /** A broker as Kafka's clients take it: a host name, an IPv4 address or a bracketed IPv6 one, and a port. */
    private static final Pattern HOST_PORT = Pattern.compile(
            "(\\[[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]+)?]|[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?):([0-9]{1,5})");
    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    /** RFC 1123 labels; all-numeric names are taken for IPv4 addresses, so they are refused here. */
    private static final Pattern HOST_NAME = Pattern.compile(
            "(?=.{1,253}$)(?![0-9.]+$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");
    /** JDBC drivers this build ships, and whose SQL the state database speaks. */
    private static final List<String> JDBC_PREFIXES = List.of("jdbc:postgresql:", "jdbc:h2:");

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

    /** An ISO-8601 duration such as {@code PT2H}, longer than zero; {@code 0} for none ({@link Duration#ZERO}). */
    Duration durationOrOff(String key) {
        String value = source.get(key);
        if (value.equals("0")) {
            return Duration.ZERO;
        }
        try {
            Duration parsed = Duration.parse(value);
            if (!parsed.isNegative() && !parsed.isZero()) {
                return parsed;
            }
        } catch (DateTimeParseException e) {
            // reported below with the expected form
        }
        problem(key, "must be an ISO-8601 duration longer than zero such as PT2H, or 0 for off, got '"
                + printable(value) + "'");
        return Duration.ZERO;
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

    /** An address to bind: an IPv4 or IPv6 literal, or a host name; checked without looking it up. */
    String host(String key) {
        String value = source.get(key);
        if (!isIpLiteral(value) && !HOST_NAME.matcher(value).matches()) {
            problem(key, "must be an IP address such as 0.0.0.0, 127.0.0.1 or ::, or a host name, got '"
                    + printable(value) + "'");
        }
        return value;
    }

    /** Whether {@code host} (as a URI has it, IPv6 in brackets) is this machine, decided without DNS. */
    static boolean isLoopback(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        String lower = bare.toLowerCase(Locale.ROOT);
        if (lower.equals("localhost") || lower.endsWith(".localhost")) {
            return true;
        }
        try {
            return isIpLiteral(bare) && InetAddress.getByName(bare).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean isIpLiteral(String value) {
        if (IPV4.matcher(value).matches()) {
            return Arrays.stream(value.split("\\.")).allMatch(octet -> Integer.parseInt(octet) <= 255);
        }
        if (!value.contains(":") || !value.matches("[0-9A-Fa-f:][0-9A-Fa-f:.]*")) {
            return false;
        }
        try {
            // starting with a hex digit or ':' and holding a ':', the text is parsed as an IPv6 literal, never looked up
            InetAddress.getByName(value);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** A comma-separated list of brokers, each {@code host:port}; returned trimmed, without empty entries. */
    String hostPorts(String key) {
        List<String> brokers = list(key);
        for (String broker : brokers) {
            Matcher matcher = HOST_PORT.matcher(broker);
            if (!matcher.matches() || Integer.parseInt(matcher.group(3)) < 1
                    || Integer.parseInt(matcher.group(3)) > 65535) {
                problem(key, "must be a comma-separated list of host:port such as kafka-1:9092,kafka-2:9092, got '"
                        + printable(source.get(key)) + "'");
                break;
            }
        }
        return String.join(",", brokers);
    }

    String topic(String key) {
        String value = source.get(key);
        // Kafka refuses "." and ".." although they are made of allowed characters
        if (!TOPIC.matcher(value).matches() || value.equals(".") || value.equals("..")) {
            problem(key, "must be a Kafka topic name (letters, digits, '.', '_', '-'), got '" + printable(value) + "'");
        }
        return value;
    }

    /** A directory that exists and can be written, or that can be created where the path first exists. */
    Path writableDirectory(String key, Path whenEmpty) {
        String value = source.get(key);
        Path dir;
        try {
            dir = value.isEmpty() ? whenEmpty : Path.of(value);
        } catch (InvalidPathException e) {
            problem(key, "'" + printable(value) + "' is not a path");
            return whenEmpty;
        }
        Path existing = dir.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
            problem(key, "'" + printable(value) + "' is not a directory this process can write or create");
        }
        return dir;
    }

    /** The value is never repeated: a JDBC URL may carry the database password. */
    void jdbcUrl(String key) {
        if (JDBC_PREFIXES.stream().noneMatch(source.get(key)::startsWith)) {
            problem(key, "must be a PostgreSQL JDBC URL such as jdbc:postgresql://db:5432/events (or jdbc:h2:)");
        }
    }

    /** A setting this application relies on; {@code why} says what would be lost with another value. */
    void oneOf(String key, List<String> allowed, String why) {
        String value = source.get(key);
        if (!allowed.contains(value)) {
            problem(key, "must be " + String.join(" or ", allowed) + " (" + why + "), got '" + printable(value) + "'");
        }
    }

    /**
     * A value sent in a request header: a line break or control character would end the header early or be
     * refused by the HTTP client at every request. The value is not repeated, being a credential or beside one.
     */
    void headerValue(String key) {
        if (source.get(key).codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            problem(key, "must be one word, without spaces, line breaks or control characters"
                    + " (it is sent in a request header)");
        }
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
