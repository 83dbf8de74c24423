package io.github.modelarts.taskevents.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.huaweicloud.sdk.core.auth.AKSKSigner;
import com.huaweicloud.sdk.core.auth.BasicCredentials;
import com.huaweicloud.sdk.core.http.HttpMethod;
import com.huaweicloud.sdk.core.http.HttpRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One request signed two ways: by Huawei's own SDK signer (the reference nobody here wrote) and by ours.
 * {@code path} and {@code query} values are unencoded, as the SDK takes them.
 */
public record SigningCase(String name, String method, String endpoint, String path, Map<String, String> query,
                          Map<String, String> headers, String body) {
    public static final String ACCESS_KEY = "HPUAEXAMPLEACCESSKEY";
    public static final String SECRET_KEY = "sk-Example+Secret/Key0123456789abcdefXYZ";
    public static final String PROJECT_ID = "0a1b2c3d4e5f40718293a4b5c6d7e8f9";
    /** Fixed on both sides: the SDK takes X-Sdk-Date from the request when present. */
    public static final String SDK_DATE = "20261127T085230Z";
    private static final String TASK_PATH =
            "/v2/" + PROJECT_ID + "/datasets/QbQvA3LmDFpR7ziVQyN/tasks/Kb1EUqEPJeuKrbhMIVj";

    public static Stream<SigningCase> all() {
        Map<String, String> project = Map.of("X-Project-Id", PROJECT_ID);
        String json = "{\"task_type\":\"auto-label\",\"name\":\"naïve ✓\"}";
        return Stream.of(
                new SigningCase("GET task detail", "GET", "https://modelarts.eu-de.otc.t-systems.com", TASK_PATH,
                        Map.of(), project, null),
                new SigningCase("path with space, ~, * and unicode", "GET", "https://modelarts.eu-de.otc.t-systems.com",
                        "/v2/" + PROJECT_ID + "/datasets/my data~set*1/tasks/täsk-✓", Map.of(), project, null),
                new SigningCase("unsorted query with empty and encoded values", "GET",
                        "https://modelarts.eu-de.otc.t-systems.com", "/v2/" + PROJECT_ID + "/datasets/ds1/tasks",
                        ordered("offset", "0", "limit", "10", "name", "a b*~ü", "empty", ""), project, null),
                new SigningCase("POST with empty body", "POST", "https://modelarts.eu-de.otc.t-systems.com",
                        TASK_PATH + "/stop", Map.of(), project, ""),
                new SigningCase("POST with JSON body", "POST", "https://modelarts.eu-de.otc.t-systems.com",
                        "/v2/" + PROJECT_ID + "/datasets/ds1/tasks", Map.of(), project, json),
                new SigningCase("temporary credentials", "GET", "https://modelarts.eu-de.otc.t-systems.com", TASK_PATH,
                        Map.of(), Map.of("X-Project-Id", PROJECT_ID, "X-Security-Token", "sts-token-EXAMPLE"), null),
                new SigningCase("endpoint with a port", "GET", "http://127.0.0.1:18080", TASK_PATH,
                        ordered("limit", "5"), Map.of(), null));
    }

    private static Map<String, String> ordered(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** The URI our client would send, its path quoted by java.net.URI's multi-argument constructor. */
    public URI uri() {
        URI base = URI.create(endpoint);
        String rawQuery = query.isEmpty() ? null : query.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
        try {
            return new URI(base.getScheme(), base.getRawAuthority(), path, rawQuery, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The request target as it arrives at a server: non-ASCII characters percent-encoded, as the JDK sends it. */
    public URI target() {
        URI ascii = URI.create(uri().toASCIIString());
        return URI.create(ascii.getRawPath() + (ascii.getRawQuery() == null ? "" : "?" + ascii.getRawQuery()));
    }

    public byte[] bodyBytes() {
        return body == null ? new byte[0] : body.getBytes(UTF_8);
    }

    /** The headers Huawei's {@code AKSKSigner} adds when X-Sdk-Date is fixed to {@link #SDK_DATE}. */
    public Map<String, String> signWithSdk(String secretKey) {
        HttpRequest.HttpRequestBuilder request = HttpRequest.newBuilder().withEndpoint(endpoint).withPath(path)
                .withMethod(HttpMethod.valueOf(method)).addHeader("X-Sdk-Date", SDK_DATE).addHeaders(headers);
        query.forEach((key, value) -> request.addQueryParam(key, List.of(value)));
        if (body != null) {
            request.withBodyAsString(body);
        }
        BasicCredentials credentials = new BasicCredentials().withAk(ACCESS_KEY).withSk(secretKey);
        return AKSKSigner.getInstance().sign(request.build(), credentials);
    }

    /** The headers a server receives: Host, X-Sdk-Date, the case's own, and those {@code signature} adds. */
    public Map<String, List<String>> receivedHeaders(Map<String, String> signature) {
        Map<String, List<String>> received = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        received.put("Host", List.of(uri().getRawAuthority()));
        received.put("X-Sdk-Date", List.of(SDK_DATE));
        headers.forEach((name, value) -> received.put(name, List.of(value)));
        signature.forEach((name, value) -> received.put(name, List.of(value)));
        return received;
    }

    @Override
    public String toString() {
        return name;
    }
}
