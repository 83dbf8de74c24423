package io.github.modelarts.taskevents.simulator.auth;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The canonical request as the gateway rebuilds it from what arrived (docs/modelarts-api.md#aksk-signing, step 2).
 * Deliberately written apart from the client's signer, byte by byte, so that a shared mistake cannot make
 * both sides agree on a wrong canonical form.
 */
final class GatewayCanonicalRequest {
    private GatewayCanonicalRequest() {
    }

    /** {@code headers} is case-insensitive; every name in {@code signedHeaders} is in it. */
    static String of(String method, URI target, List<String> signedHeaders, Map<String, String> headers,
                     String payloadHash) {
        StringBuilder canonicalHeaders = new StringBuilder();
        for (String name : signedHeaders) {
            canonicalHeaders.append(name).append(':').append(headers.get(name).trim()).append('\n');
        }
        return method + "\n" + uri(target.getRawPath()) + "\n" + query(target.getRawQuery()) + "\n"
                + canonicalHeaders + "\n" + String.join(";", signedHeaders) + "\n" + payloadHash;
    }

    private static String uri(String rawPath) {
        if (rawPath == null || rawPath.isEmpty() || rawPath.equals("/")) {
            return "/";
        }
        StringBuilder canonical = new StringBuilder("/");
        for (String segment : rawPath.substring(1).split("/")) {
            canonical.append(encode(decode(segment))).append('/');
        }
        return canonical.toString();
    }

    private static String query(String rawQuery) {
        List<String[]> pairs = new ArrayList<>();
        for (String pair : rawQuery == null ? new String[0] : rawQuery.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                pairs.add(new String[] {encode(decode(key)), encode(decode(value))});
            }
        }
        pairs.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
        return pairs.stream().map(p -> p[0] + "=" + p[1]).collect(Collectors.joining("&"));
    }

    private static String decode(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int i = 0;
        while (i < raw.length()) {
            if (raw.charAt(i) == '%' && i + 2 < raw.length()) {
                bytes.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
                i += 3;
            } else {
                int codePoint = raw.codePointAt(i);
                bytes.writeBytes(Character.toString(codePoint).getBytes(UTF_8));
                i += Character.charCount(codePoint);
            }
        }
        return bytes.toString(UTF_8);
    }

    /** RFC 3986: unreserved characters as they are, every other UTF-8 byte as %XX. */
    private static String encode(String value) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(UTF_8)) {
            char c = (char) (b & 0xFF);
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || "-._~".indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return encoded.toString();
    }
}
