package io.github.modelarts.taskevents;

import static io.github.modelarts.taskevents.testsupport.CloudCredentials.PASSWORD;
import static io.github.modelarts.taskevents.testsupport.TaskBodies.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.modelarts.taskevents.config.InvalidSettingsException;
import io.github.modelarts.taskevents.fetch.auth.PasswordTokenAuthentication;
import io.github.modelarts.taskevents.simulator.Fault;
import io.github.modelarts.taskevents.simulator.RequestKind;
import io.github.modelarts.taskevents.simulator.auth.AuthGate;
import io.github.modelarts.taskevents.task.model.TaskJson;
import io.github.modelarts.taskevents.testing.MutableClock;
import io.github.modelarts.taskevents.testsupport.CloudCredentials;
import io.github.modelarts.taskevents.testsupport.JavaProcess;
import io.github.modelarts.taskevents.testsupport.Pipeline;
import io.github.modelarts.taskevents.testsupport.TopicReader;
import io.github.modelarts.taskevents.testsupport.TopicReader.Received;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** MODELARTS_AUTH end to end: a simulator that enforces authentication → the pipeline → real Kafka. */
class AuthPipelineTest {
    private static final String DS = "dsAuth";
    private static final Instant START = Instant.parse("2026-11-27T08:00:00Z");
    private static final List<String> TWENTY = IntStream.range(0, 20).mapToObj(i -> "t" + i).toList();
    private final MutableClock cloudClock = new MutableClock(START);

    @ParameterizedTest(name = "auth {0}")
    @ValueSource(strings = {"none", "token", "password", "aksk"})
    void givenAuthMode_whenPolled_thenTheCompletionEventIsOnKafka(String mode) throws Exception {
        AuthGate gate = CloudCredentials.gate().build();
        try (Pipeline pipeline = CloudCredentials.pipeline(mode, gate).watching(DS + "/done");
             TopicReader reader = pipeline.reader()) {
            pipeline.simulator().putTask(DS, task("done", 3, "ModelArts.4996"));
            pipeline.start();

            pipeline.poll();

            assertThat(reader.awaitOnTopic(pipeline.topics().completed(), 1)).extracting(Received::key)
                    .containsExactly("done");
            assertThat(reader.all()).hasSize(1);
            assertThat(gate.iamRequestCount()).isEqualTo(mode.equals("password") ? 1 : 0);
        }
    }

    @ParameterizedTest(name = "auth {0}, wrong {1}")
    @CsvSource(delimiter = '|', value = {
            "token | modelarts.token | MIIwrong | ModelArts.0203 | The token is invalid.",
            "aksk  | modelarts.sk    | sk-wrong | APIG.0301      | Incorrect IAM authentication information: "
                    + "verify aksk signature fail"})
    void givenWrongCredential_whenPolled_thenUnauthorizedErrorEventWithTheApisCode(String mode, String key,
            String wrong, String errorCode, String errorMsg) throws Exception {
        try (Pipeline pipeline = CloudCredentials.pipeline(mode, CloudCredentials.gate().build()).with(key, wrong)
                .watching(DS + "/done"); TopicReader reader = pipeline.reader()) {
            pipeline.simulator().putTask(DS, task("done", 3, "ModelArts.4996"));
            pipeline.start();

            pipeline.poll();

            Received event = reader.awaitOnTopic(pipeline.topics().errors(), 1).get(0);
            JsonNode error = TaskJson.MAPPER.readTree(event.value());
            assertThat(event.key()).isEqualTo("done");
            assertThat(error.get("reason").asText()).isEqualTo("unauthorized");
            assertThat(error.get("http_status").asInt()).isEqualTo(401);
            assertThat(error.get("error_code").asText()).isEqualTo(errorCode);
            assertThat(error.get("error_msg").asText()).isEqualTo(errorMsg);
            assertThat(reader.all()).as("nothing but the error").hasSize(1);
        }
    }

    @Test
    void givenShortLivedTokens_when20TasksArePolledAcrossTheirExpiry_thenOneIamCallPerRenewalAndNoPollLost()
            throws Exception {
        AuthGate gate = CloudCredentials.gate().tokenTtl(Duration.ofMinutes(10)).clock(cloudClock).build();
        try (Pipeline pipeline = twentyTasks(CloudCredentials.pipeline("password", gate).clock(cloudClock));
             TopicReader reader = pipeline.reader()) {
            pipeline.start();
            assertThat(gate.iamRequestCount()).as("the start-up login").isEqualTo(1);

            pipeline.poll();
            reader.awaitOnTopic(pipeline.topics().progress(), 20);
            assertThat(gate.iamRequestCount()).isEqualTo(1);

            cloudClock.advance(Duration.ofMinutes(9).plusSeconds(30));
            TWENTY.forEach(id -> pipeline.simulator().updateTask(DS, id, Map.of("code", "ModelArts.4904")));
            pipeline.poll();
            reader.awaitOnTopic(pipeline.topics().progress(), 40);
            assertThat(gate.iamRequestCount()).as("renewed in the last tenth of the lifetime").isEqualTo(2);

            cloudClock.advance(Duration.ofMinutes(11));
            TWENTY.forEach(id -> pipeline.simulator().updateTask(DS, id, Map.of("status", 3, "code",
                    "ModelArts.4996")));
            pipeline.poll();
            reader.awaitOnTopic(pipeline.topics().completed(), 20);
            assertThat(gate.iamRequestCount()).as("renewed after expiry").isEqualTo(3);

            assertThat(pipeline.simulator().requestCount(RequestKind.TASK)).as("no request refused").isEqualTo(60);
            assertThat(reader.all()).hasSize(60);
        }
    }

    @Test
    void givenTheCloudExpiringTheTokenEarly_when20TasksGet401_thenOneIamCallAndEveryTaskPolledInThatCycle()
            throws Exception {
        MutableClock appClock = new MutableClock(START);
        AuthGate gate = CloudCredentials.gate().tokenTtl(Duration.ofMinutes(10)).clock(cloudClock).build();
        try (Pipeline pipeline = twentyTasks(CloudCredentials.pipeline("password", gate).clock(appClock));
             TopicReader reader = pipeline.reader()) {
            pipeline.start();
            pipeline.poll();
            reader.awaitOnTopic(pipeline.topics().progress(), 20);

            // expired for the cloud, while the client's copy has minutes left: only the 401s tell it
            cloudClock.advance(Duration.ofMinutes(10));
            appClock.advance(PasswordTokenAuthentication.DEFAULT_MIN_RENEWAL_INTERVAL.plusSeconds(1));
            TWENTY.forEach(id -> pipeline.simulator().updateTask(DS, id, Map.of("status", 3, "code",
                    "ModelArts.4996")));
            pipeline.poll();

            reader.awaitOnTopic(pipeline.topics().completed(), 20);
            assertThat(gate.iamRequestCount()).isEqualTo(2);
            assertThat(pipeline.simulator().requestCount(RequestKind.TASK)).as("some were refused, then retried")
                    .isBetween(41L, 60L);
            assertThat(reader.all()).hasSize(40);
        }
    }

    @ParameterizedTest(name = "IAM answers {0}")
    @ValueSource(ints = {401, 400})
    void givenIamRefusingAtStartup_whenStarted_thenStartupFailsNamingTheSettingsButNotThePassword(int status)
            throws Exception {
        try (Pipeline pipeline = CloudCredentials.pipeline("password", CloudCredentials.gate().build())) {
            if (status == 401) {
                pipeline.with("modelarts.password", "wrong-" + PASSWORD);
            } else {
                pipeline.simulator().injectGlobalFault(Fault.error(400, "IAM.0011", "Request body is invalid."));
            }

            assertThatThrownBy(pipeline::start).isInstanceOfSatisfying(InvalidSettingsException.class, e ->
                    assertThat(e.getMessage()).contains("MODELARTS_USERNAME", "MODELARTS_PASSWORD",
                            "MODELARTS_DOMAIN", "MODELARTS_IAM_ENDPOINT", "HTTP " + status).doesNotContain(PASSWORD));
        }
    }

    @Test
    void givenWrongPassword_whenTheMainClassStarts_thenItPrintsTheSettingsToCheckAndExits2(@TempDir Path dir)
            throws Exception {
        try (Pipeline pipeline = CloudCredentials.pipeline("password", CloudCredentials.gate().build())
                .with("modelarts.password", "wrong-" + PASSWORD);
             JavaProcess app = JavaProcess.start(App.class.getName(), List.of(), pipeline.environment(),
                     dir.resolve("app.log"))) {
            assertThat(app.waitForExit(Duration.ofSeconds(60))).isEqualTo(2);
            assertThat(app.output()).contains("MODELARTS_USERNAME, MODELARTS_PASSWORD, MODELARTS_DOMAIN, "
                    + "MODELARTS_IAM_ENDPOINT: refused by IAM at start-up").doesNotContain(PASSWORD);
        }
    }

    @Test
    void givenIamUnavailableAtStartup_whenItIsBackAtTheFirstPoll_thenStartedAndTheTaskPolledWithAToken()
            throws Exception {
        MutableClock appClock = new MutableClock(START);
        AuthGate gate = CloudCredentials.gate().build();
        try (Pipeline pipeline = CloudCredentials.pipeline("password", gate).clock(appClock).watching(DS + "/done");
             TopicReader reader = pipeline.reader()) {
            pipeline.simulator().putTask(DS, task("done", 3, "ModelArts.4996"));
            pipeline.simulator().injectGlobalFault(Fault.error(503, "IAM.0001", "Service unavailable").times(1));
            pipeline.start();

            appClock.advance(PasswordTokenAuthentication.DEFAULT_MIN_RENEWAL_INTERVAL);
            pipeline.poll();

            assertThat(reader.awaitOnTopic(pipeline.topics().completed(), 1)).hasSize(1);
            assertThat(gate.iamRequestCount()).isEqualTo(2);
        }
    }

    private static Pipeline twentyTasks(Pipeline pipeline) {
        TWENTY.forEach(id -> pipeline.simulator().putTask(DS, task(id, 1, "ModelArts.4902")));
        return pipeline.watching(TWENTY.stream().map(id -> DS + "/" + id).toArray(String[]::new))
                .with("max.concurrent.requests", "8");
    }
}
