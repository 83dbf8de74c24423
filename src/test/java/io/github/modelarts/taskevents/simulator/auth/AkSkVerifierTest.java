package io.github.modelarts.taskevents.simulator.auth;

import static io.github.modelarts.taskevents.testing.SigningCase.ACCESS_KEY;
import static io.github.modelarts.taskevents.testing.SigningCase.SECRET_KEY;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.modelarts.taskevents.fetch.auth.AkSkCredentials;
import io.github.modelarts.taskevents.fetch.auth.AkSkSigner;
import io.github.modelarts.taskevents.testing.MutableClock;
import io.github.modelarts.taskevents.testing.SigningCase;
import java.net.URI;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AkSkVerifierTest {
    private static final Instant SIGNED_AT = Instant.parse("2026-11-27T08:52:30Z");
    private final MutableClock clock = new MutableClock(SIGNED_AT);
    private final AkSkVerifier verifier = new AkSkVerifier(Map.of(ACCESS_KEY, SECRET_KEY, "OTHERAK", "other"), clock);
    private final AkSkSigner ourSigner = new AkSkSigner(new AkSkCredentials(ACCESS_KEY, SECRET_KEY), clock);
    private final SigningCase taskDetail = SigningCase.all().findFirst().orElseThrow();

    static Stream<SigningCase> cases() {
        return SigningCase.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void givenRequestSignedByHuaweiSdk_whenVerified_thenAccepted(SigningCase request) {
        assertThat(verify(request, request.signWithSdk(SECRET_KEY))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void givenRequestSignedByOurSigner_whenVerified_thenAccepted(SigningCase request) {
        assertThat(verify(request, ourSignature(request))).isEmpty();
    }

    @Test
    void givenContentTypeSignedByUsButLeftOutBySdk_whenVerified_thenBothAccepted() {
        SigningCase json = new SigningCase("JSON with Content-Type", "POST", "https://modelarts.test",
                "/v2/p/datasets/d/tasks", Map.of(), Map.of("Content-Type", "application/json"), "{\"a\":1}");

        Map<String, String> ours = ourSignature(json);
        Map<String, String> sdk = json.signWithSdk(SECRET_KEY);

        assertThat(ours.get("Authorization")).contains("SignedHeaders=content-type;host;x-sdk-date");
        assertThat(sdk.get("Authorization")).contains("SignedHeaders=host;x-sdk-date");
        assertThat(verify(json, ours)).isEmpty();
        assertThat(verify(json, sdk)).isEmpty();
    }

    @Test
    void givenSdkDeclaredUnsignedPayload_whenVerified_thenBodyIsNotHashed() {
        SigningCase unsigned = new SigningCase("unsigned payload", "POST", "https://modelarts.test",
                "/v2/p/datasets/d/tasks", Map.of(), Map.of("X-Sdk-Content-Sha256", "UNSIGNED-PAYLOAD"), "{\"a\":1}");

        assertThat(verify(unsigned, unsigned.signWithSdk(SECRET_KEY))).isEmpty();
    }

    @Test
    void givenWrongSecretKey_whenVerified_thenRejectedWithApig0301() {
        Optional<AuthResponse> answer = verify(taskDetail, taskDetail.signWithSdk("not-the-secret-key"));

        assertThat(answer).hasValueSatisfying(response -> {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.body()).isEqualTo("{\"error_code\":\"APIG.0301\",\"error_msg\":"
                    + "\"Incorrect IAM authentication information: verify aksk signature fail\"}");
        });
    }

    @Test
    void givenSdkDateMoreThan15MinutesOld_whenVerified_thenRejected() {
        Map<String, String> signature = taskDetail.signWithSdk(SECRET_KEY);

        clock.advance(Duration.ofMinutes(15));
        assertThat(verify(taskDetail, signature)).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(verify(taskDetail, signature)).isPresent();
    }

    @Test
    void givenSdkDateMoreThan15MinutesAhead_whenVerified_thenRejected() {
        Map<String, String> signature = taskDetail.signWithSdk(SECRET_KEY);

        clock.advance(Duration.ofMinutes(-16));

        assertThat(verify(taskDetail, signature)).isPresent();
    }

    @Test
    void givenPathQueryOrBodyTamperedAfterSigning_whenVerified_thenRejected() {
        SigningCase listing = SigningCase.all().filter(c -> !c.query().isEmpty()).findFirst().orElseThrow();
        Map<String, List<String>> headers = listing.receivedHeaders(listing.signWithSdk(SECRET_KEY));
        String path = listing.target().getRawPath();

        assertThat(verifier.verify("GET", URI.create(path.replace("ds1", "ds2") + "?" + listing.target().getRawQuery()),
                headers, new byte[0])).isPresent();
        assertThat(verifier.verify("GET", URI.create(path + "?limit=11&offset=0"), headers, new byte[0])).isPresent();
        assertThat(verifier.verify("GET", listing.target(), headers, "{}".getBytes())).isPresent();
        assertThat(verifier.verify("DELETE", listing.target(), headers, new byte[0])).isPresent();
        assertThat(verifier.verify("GET", listing.target(), headers, new byte[0])).isEmpty();
    }

    @Test
    void givenUnknownAccessKeyOrNoAuthorization_whenVerified_thenRejected() {
        Map<String, String> signature = new HashMap<>(taskDetail.signWithSdk(SECRET_KEY));
        signature.put("Authorization", signature.get("Authorization").replace(ACCESS_KEY, "UNKNOWNAK"));

        assertThat(verify(taskDetail, signature)).isPresent();
        assertThat(verify(taskDetail, Map.of())).isPresent();
    }

    @Test
    void givenCorrectSignatureThatLeavesOutHost_whenVerified_thenRejected() throws Exception {
        // signed by hand: neither signer can leave Host out, but a hand-made client could (and replay it elsewhere)
        String canonical = "GET\n/x/\n\nx-sdk-date:" + SigningCase.SDK_DATE + "\n\nx-sdk-date\n"
                + sha256Hex(new byte[0]);
        String stringToSign = "SDK-HMAC-SHA256\n" + SigningCase.SDK_DATE + "\n"
                + sha256Hex(canonical.getBytes(UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET_KEY.getBytes(UTF_8), "HmacSHA256"));
        String authorization = "SDK-HMAC-SHA256 Access=" + ACCESS_KEY + ", SignedHeaders=x-sdk-date, Signature="
                + HexFormat.of().formatHex(mac.doFinal(stringToSign.getBytes(UTF_8)));

        Optional<AuthResponse> answer = verifier.verify("GET", URI.create("/x"), Map.of("Host", List.of("h"),
                "X-Sdk-Date", List.of(SigningCase.SDK_DATE), "Authorization", List.of(authorization)), new byte[0]);

        assertThat(answer).isPresent();
    }

    @Test
    void givenHeaderNamesInAnyCase_whenVerified_thenAccepted() {
        Map<String, List<String>> lowerCase = new HashMap<>();
        taskDetail.receivedHeaders(taskDetail.signWithSdk(SECRET_KEY))
                .forEach((name, values) -> lowerCase.put(name.toLowerCase(), values));

        assertThat(verifier.verify("GET", taskDetail.target(), lowerCase, new byte[0])).isEmpty();
    }

    private static String sha256Hex(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    private Map<String, String> ourSignature(SigningCase request) {
        return ourSigner.sign(request.method(), request.uri(), request.headers(), request.bodyBytes());
    }

    private Optional<AuthResponse> verify(SigningCase request, Map<String, String> signature) {
        return verifier.verify(request.method(), request.target(), request.receivedHeaders(signature),
                request.bodyBytes());
    }
}
