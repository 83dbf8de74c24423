package io.github.modelarts.taskevents.simulator.auth;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks an {@code SDK-HMAC-SHA256} signature as the API gateway does (docs/modelarts-api.md#aksk-signing):
 * known access key, {@code X-Sdk-Date} within 15 minutes of the server clock, signature recomputed from the request.
 */
public final class AkSkVerifier {
    private static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(15);
    private static final Logger LOG = LoggerFactory.getLogger(AkSkVerifier.class);
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "SDK-HMAC-SHA256\\s+Access=([^,]+),\\s?SignedHeaders=([^,]+),\\s?Signature=(\\w+)");
    private static final DateTimeFormatter SDK_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private final Map<String, String> secretKeys;
    private final Clock clock;

    /** {@code secretKeys}: secret key by access key. */
    public AkSkVerifier(Map<String, String> secretKeys, Clock clock) {
        this.secretKeys = Map.copyOf(secretKeys);
        this.clock = clock;
    }

    /**
     * The 401 to answer, or empty when the request is authentic. {@code target} is the request target as
     * received (raw path and query), {@code headers} as received, in any letter case.
     */
    public Optional<AuthResponse> verify(String method, URI target, Map<String, List<String>> headers, byte[] body) {
        Map<String, String> received = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> {
            if (!values.isEmpty()) {
                received.put(name, values.get(0));
            }
        });
        Matcher authorization = AUTHORIZATION.matcher(received.getOrDefault("Authorization", "").trim());
        if (!authorization.matches()) {
            return reject("no SDK-HMAC-SHA256 Authorization header");
        }
        String secretKey = secretKeys.get(authorization.group(1).trim());
        if (secretKey == null) {
            return reject("unknown access key " + authorization.group(1).trim());
        }
        List<String> signedHeaders = Arrays.asList(authorization.group(2).trim().toLowerCase(Locale.ROOT).split(";"));
        if (!signedHeaders.contains("host") || !signedHeaders.contains("x-sdk-date")
                || !signedHeaders.stream().allMatch(received::containsKey)) {
            return reject("signed headers " + signedHeaders + " lack host or x-sdk-date, or one is not sent");
        }
        String sdkDate = received.get("X-Sdk-Date").trim();
        if (!isRecent(sdkDate)) {
            return reject("X-Sdk-Date " + sdkDate + " is unreadable or more than " + MAX_CLOCK_SKEW + " off");
        }
        // the SDKs let a client declare the body hash (e.g. UNSIGNED-PAYLOAD) instead of hashing the body
        String payloadHash = received.getOrDefault("X-Sdk-Content-Sha256",
                sha256Hex(body == null ? new byte[0] : body));
        String canonical = GatewayCanonicalRequest.of(method.toUpperCase(Locale.ROOT), target, signedHeaders,
                received, payloadHash);
        String stringToSign = "SDK-HMAC-SHA256\n" + sdkDate + "\n" + sha256Hex(canonical.getBytes(UTF_8));
        byte[] expected = hmacSha256Hex(secretKey, stringToSign).getBytes(UTF_8);
        byte[] given = authorization.group(3).toLowerCase(Locale.ROOT).getBytes(UTF_8);
        return MessageDigest.isEqual(expected, given) ? Optional.empty() : reject("signature mismatch");
    }

    private boolean isRecent(String sdkDate) {
        try {
            Instant signedAt = LocalDateTime.parse(sdkDate, SDK_DATE).toInstant(ZoneOffset.UTC);
            return Duration.between(signedAt, clock.instant()).abs().compareTo(MAX_CLOCK_SKEW) <= 0;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** One answer for every failure, as the gateway gives; the reason goes to the simulator's log only. */
    private static Optional<AuthResponse> reject(String reason) {
        LOG.debug("AK/SK request rejected: {}", reason);
        return Optional.of(AuthResponse.error(401, "APIG.0301",
                "Incorrect IAM authentication information: verify aksk signature fail"));
    }

    private static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static String hmacSha256Hex(String key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(data.getBytes(UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "AkSkVerifier[accessKeys=" + new TreeMap<>(secretKeys).keySet() + "]";
    }
}
