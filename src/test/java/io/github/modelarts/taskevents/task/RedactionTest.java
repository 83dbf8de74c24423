package io.github.modelarts.taskevents.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What an error body echoes of a request never reaches an event. */
class RedactionTest {
    private static final String TOKEN = "MIIZbwYJKoZIhvcNAQcCoIIZYDCCGVwCAQExDTALBglghkgBZQMEAgEwghd9BgkqhkiG9w0B";
    private static final String SIGNATURE = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";

    @Test
    void givenAnEchoedRequest_whenExcerpted_thenTokenAndSignatureAreHidden() {
        String echoed = "GET /v2/p/datasets/d/tasks/t\nX-Auth-Token: " + TOKEN + "\nAuthorization: SDK-HMAC-SHA256 "
                + "Access=AK, SignedHeaders=host;x-sdk-date, Signature=" + SIGNATURE + "\n";

        String excerpt = PollFailure.excerpt(echoed.getBytes(StandardCharsets.UTF_8));

        assertThat(excerpt).doesNotContain(TOKEN, SIGNATURE).contains("X-Auth-Token: ***", "/v2/p/datasets/d/tasks/t");
    }

    @Test
    void givenSecretsInJsonFields_whenRedacted_thenOnlyTheirValuesAreHidden() {
        String body = "{\"error_msg\":\"bad\",\"password\":\"hunter2\",\"token\":\"" + TOKEN + "\"}";

        assertThat(Redaction.redact(body)).isEqualTo("{\"error_msg\":\"bad\",\"password\":\"***\",\"token\":\"***\"}");
    }

    @Test
    void givenAnOrdinaryErrorMessage_whenRedacted_thenUnchanged() {
        String message = "Task does not exist (ModelArts.4612), task_id jAIxNKu8iS2G8NPRVdD";

        assertThat(Redaction.redact(message)).isEqualTo(message);
    }
}
