package io.github.modelarts.taskevents.fetch.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.modelarts.taskevents.testing.SigningCase;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AkSkSignerTest {
    private static final Clock AT_SDK_DATE = Clock.fixed(Instant.parse("2026-11-27T08:52:30Z"), ZoneOffset.UTC);
    private final AkSkSigner signer =
            new AkSkSigner(new AkSkCredentials(SigningCase.ACCESS_KEY, SigningCase.SECRET_KEY), AT_SDK_DATE);

    static Stream<SigningCase> cases() {
        return SigningCase.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void givenRequest_whenSigned_thenAuthorizationEqualsHuaweiSdkSigner(SigningCase request) {
        Map<String, String> ours = signer.sign(request.method(), request.uri(), request.headers(), request.bodyBytes());

        Map<String, String> sdk = request.signWithSdk(SigningCase.SECRET_KEY);
        assertThat(ours.get("X-Sdk-Date")).isEqualTo(SigningCase.SDK_DATE);
        assertThat(ours.get("Authorization")).isEqualTo(sdk.get("Authorization"));
    }

    @Test
    void givenClock_whenSigned_thenSdkDateIsBasicIso8601InUtc() {
        Clock clock = Clock.fixed(Instant.parse("2019-03-07T10:14:59.987Z"), ZoneOffset.ofHours(8));
        AkSkSigner signerAtThatTime = new AkSkSigner(new AkSkCredentials("AK", "SK"), clock);

        Map<String, String> added = signerAtThatTime.sign("GET", URI.create("https://h/x"), Map.of(), new byte[0]);

        assertThat(added).containsEntry("X-Sdk-Date", "20190307T101459Z").containsOnlyKeys("X-Sdk-Date",
                "Authorization");
    }

    @Test
    void givenHeadersTheJdkClientMayRewrite_whenSigned_thenOnlyOwnHeadersAreSigned() {
        Map<String, String> headers = Map.of("Accept", "application/json", "User-Agent", "Java-http-client",
                "content-type", "application/json", "X-Project-Id", "p1");

        String authorization = signer.sign("POST", URI.create("https://h/x"), headers, new byte[0])
                .get("Authorization");

        assertThat(authorization).matches("SDK-HMAC-SHA256 Access=" + SigningCase.ACCESS_KEY
                + ", SignedHeaders=content-type;host;x-project-id;x-sdk-date, Signature=[0-9a-f]{64}");
    }

    @Test
    void givenAnyPath_whenCanonicalized_thenSegmentsEncodedAndTrailingSlashAlwaysAdded() {
        assertThat(AkSkSigner.canonicalUri(URI.create("https://h"))).isEqualTo("/");
        assertThat(AkSkSigner.canonicalUri(URI.create("https://h/"))).isEqualTo("/");
        assertThat(AkSkSigner.canonicalUri(URI.create("https://h/v2/p/tasks"))).isEqualTo("/v2/p/tasks/");
        assertThat(AkSkSigner.canonicalUri(URI.create("https://h/v2/p/tasks/"))).isEqualTo("/v2/p/tasks/");
        assertThat(AkSkSigner.canonicalUri(URI.create("https://h/a%20b/c*d~e/a+b/%C3%BC")))
                .isEqualTo("/a%20b/c%2Ad~e/a%2Bb/%C3%BC/");
    }

    @Test
    void givenUnsortedQuery_whenCanonicalized_thenSortedEncodedAndEmptyValuesKept() {
        assertThat(AkSkSigner.canonicalQuery(URI.create("https://h/x"))).isEmpty();
        assertThat(AkSkSigner.canonicalQuery(URI.create("https://h/x?b=2&a=&c&a%20b=x%2Ay&b=1")))
                .isEqualTo("a=&a%20b=x%2Ay&b=1&b=2&c=");
    }
}
