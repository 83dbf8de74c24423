package io.github.modelarts.taskevents.fetch.auth;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs requests with {@code SDK-HMAC-SHA256} exactly as Huawei's SDKs do (docs/modelarts-api.md#aksk-signing). The
 * gateway rebuilds the same canonical request from what it receives, so every byte of it matters.
 */
public final class AkSkSigner {
    private static final String ALGORITHM = "SDK-HMAC-SHA256";
    private static final DateTimeFormatter SDK_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    /** Only headers we set ourselves: the HTTP client adds or rewrites others (User-Agent, ...) after signing. */
    private static final Set<String> SIGNABLE = Set.of("content-type", "x-project-id", "x-security-token");
    private static final Comparator<String[]> BY_KEY_THEN_VALUE =
            Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]);

    private final AkSkCredentials credentials;
    private final Clock clock;

    public AkSkSigner(AkSkCredentials credentials, Clock clock) {
        this.credentials = credentials;
        this.clock = clock;
    }

    /**
     * Signs {@code method uri} with {@code body}. {@code headers} are the request's own headers; those among
     * Content-Type, X-Project-Id and X-Security-Token are signed together with Host and X-Sdk-Date.
     * Returns the headers to add: {@code X-Sdk-Date} and {@code Authorization}.
     */
    public Map<String, String> sign(String method, URI uri, Map<String, String> headers, byte[] body) {
        String sdkDate = SDK_DATE.format(clock.instant());
        SortedMap<String, String> signed = new TreeMap<>();
        headers.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (SIGNABLE.contains(lower)) {
                signed.put(lower, value.trim());
            }
        });
        // the HTTP client sends the URI authority as Host
        signed.put("host", uri.getRawAuthority());
        signed.put("x-sdk-date", sdkDate);
        String signedHeaders = String.join(";", signed.keySet());
        String canonicalRequest = String.join("\n", method.toUpperCase(Locale.ROOT), canonicalUri(uri),
                canonicalQuery(uri), canonicalHeaders(signed), signedHeaders, sha256Hex(body));
        String stringToSign = String.join("\n", ALGORITHM, sdkDate, sha256Hex(canonicalRequest.getBytes(UTF_8)));

        Map<String, String> added = new LinkedHashMap<>();
        added.put("X-Sdk-Date", sdkDate);
        added.put("Authorization", ALGORITHM + " Access=" + credentials.accessKey() + ", SignedHeaders="
                + signedHeaders + ", Signature=" + hmacSha256Hex(stringToSign));
        return added;
    }

    /** Each segment decoded then RFC 3986 encoded, always ending in '/' (a Huawei quirk: the URL sent has none). */
    static String canonicalUri(URI uri) {
        String path = uri.getRawPath();
        if (path == null || path.isEmpty() || path.equals("/")) {
            return "/";
        }
        StringBuilder canonical = new StringBuilder();
        for (String segment : path.split("/")) {
            canonical.append(encode(decode(segment))).append('/');
        }
        return canonical.toString();
    }

    /** Encoded {@code k=v} pairs sorted by key, then value; a parameter without a value is {@code k=}. */
    static String canonicalQuery(URI uri) {
        String query = uri.getRawQuery();
        if (query == null || query.isEmpty()) {
            return "";
        }
        return Arrays.stream(query.split("&"))
                .filter(pair -> !pair.isEmpty())
                .map(pair -> pair.split("=", 2))
                .map(kv -> new String[] {encode(decode(kv[0])), kv.length == 2 ? encode(decode(kv[1])) : ""})
                .sorted(BY_KEY_THEN_VALUE)
                .map(kv -> kv[0] + "=" + kv[1])
                .collect(Collectors.joining("&"));
    }

    private static String canonicalHeaders(SortedMap<String, String> signed) {
        StringBuilder canonical = new StringBuilder();
        signed.forEach((name, value) -> canonical.append(name).append(':').append(value).append('\n'));
        return canonical.toString();
    }

    /** RFC 3986: only unreserved characters stay; URLEncoder is form encoding, hence the three fixes. */
    private static String encode(String value) {
        return URLEncoder.encode(value, UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    /** Percent-decoding only: a '+' in a URI is a plus sign, not a space. */
    private static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), UTF_8);
    }

    private static String sha256Hex(byte[] data) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(data == null ? new byte[0] : data);
            return HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private String hmacSha256Hex(String stringToSign) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(credentials.secretKey().getBytes(UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(stringToSign.getBytes(UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "AkSkSigner[" + credentials + "]";
    }
}
