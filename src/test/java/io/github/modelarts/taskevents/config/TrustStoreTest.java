package io.github.modelarts.taskevents.config;

import static io.github.modelarts.taskevents.testsupport.TaskBodies.task;
import static io.github.modelarts.taskevents.testsupport.TestCertificates.TRUST_PASSWORD;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpsServer;
import io.github.modelarts.taskevents.task.model.TaskJson;
import io.github.modelarts.taskevents.testsupport.Pipeline;
import io.github.modelarts.taskevents.testsupport.TestCertificates;
import io.github.modelarts.taskevents.testsupport.TopicReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MODELARTS_TRUSTSTORE_*: checked at start-up, and trusted for HTTPS next to the JDK's CAs. */
class TrustStoreTest {
    private static final String PATH = "MODELARTS_TRUSTSTORE_PATH";
    private static final String PASSWORD = "MODELARTS_TRUSTSTORE_PASSWORD";
    @TempDir
    static Path dir;
    private static TestCertificates certificates;

    @BeforeAll
    static void makeCertificates() throws Exception {
        certificates = TestCertificates.create(dir);
    }

    @Test
    void givenTrustStoreAndItsPassword_whenLoaded_thenAcceptedAndThePasswordIsNotPrinted() {
        Settings settings = load(certificates.trustStore().toString(), TRUST_PASSWORD);

        assertThat(settings.trustStore()).hasToString("TrustStore[JDK + configured]");
        assertThat(settings.toString()).doesNotContain(TRUST_PASSWORD);
    }

    @Test
    void givenTrustStore_whenTrusted_thenItsCaIsAddedToTheJdksInsteadOfReplacingThem() throws Exception {
        TrustManagerFactory jdk = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        jdk.init((KeyStore) null);
        int jdkCas = ((X509TrustManager) jdk.getTrustManagers()[0]).getAcceptedIssuers().length;

        KeyStore anchors = load(certificates.trustStore().toString(), TRUST_PASSWORD).trustStore().anchors();

        assertThat(jdkCas).isPositive();
        assertThat(anchors.size()).isEqualTo(jdkCas + 1);
        assertThat(anchors.containsAlias("configured-private-ca")).isTrue();
    }

    @Test
    void givenNoTrustStore_whenLoaded_thenTheJdkCasAlone() {
        assertThat(load("", "").trustStore()).hasToString("TrustStore[JDK]");
    }

    @Test
    void givenMissingFile_whenLoaded_thenThePathVariableIsNamed() {
        assertRefused(dir.resolve("nowhere.p12").toString(), TRUST_PASSWORD, PATH);
    }

    @Test
    void givenWrongPassword_whenLoaded_thenThePasswordVariableIsNamedButNotTheValue() {
        assertRefused(certificates.trustStore().toString(), "wrong-Secret-99", PASSWORD);
    }

    @Test
    void givenPkcs12WithoutPassword_whenLoaded_thenThePasswordIsAskedFor() {
        assertRefused(certificates.trustStore().toString(), "", PASSWORD);
    }

    @Test
    void givenAFileThatIsNoKeyStore_whenLoaded_thenThePathVariableIsNamed() throws Exception {
        Path text = Files.writeString(dir.resolve("ca.txt"), "not a key store", UTF_8);

        assertRefused(text.toString(), TRUST_PASSWORD, PATH);
    }

    @Test
    void givenPasswordWithoutPath_whenLoaded_thenRefused() {
        assertRefused("", TRUST_PASSWORD, PASSWORD);
    }

    @Test
    void givenServerOfAPrivateCa_whenTheTrustStoreIsConfigured_thenTheTaskIsPolledOverHttps() throws Exception {
        HttpsServer server = certificates.httpsServer(TrustStoreTest::answerTask);
        try (Pipeline pipeline = httpsPipeline(server).with("modelarts.truststore.path",
                certificates.trustStore().toString()).with("modelarts.truststore.password", TRUST_PASSWORD);
             TopicReader reader = pipeline.reader()) {
            pipeline.start();

            pipeline.poll();

            assertThat(reader.awaitOnTopic(pipeline.topics().completed(), 1).get(0).key()).isEqualTo("done");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void givenServerOfAPrivateCa_whenNoTrustStore_thenTheHandshakeFailsAndIsReported() throws Exception {
        HttpsServer server = certificates.httpsServer(TrustStoreTest::answerTask);
        try (Pipeline pipeline = httpsPipeline(server).with("http.retries", "0").with("poll.error.threshold", "1");
             TopicReader reader = pipeline.reader()) {
            pipeline.start();

            pipeline.poll();

            JsonNode error = TaskJson.MAPPER.readTree(reader.awaitOnTopic(pipeline.topics().errors(), 1).get(0)
                    .value());
            assertThat(error.get("reason").asText()).isEqualTo("connection-error");
            assertThat(error.get("error_msg").asText()).isEqualTo("SSLHandshakeException");
            assertThat(reader.all()).hasSize(1);
        } finally {
            server.stop(0);
        }
    }

    private static Pipeline httpsPipeline(HttpsServer server) {
        return new Pipeline().watching("dsTls/done")
                .with("modelarts.endpoint", "https://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void answerTask(com.sun.net.httpserver.HttpExchange exchange) throws java.io.IOException {
        byte[] body = task("done", 3, "ModelArts.4996").toString().getBytes(UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static Settings load(String path, String password) {
        Map<String, String> env = new HashMap<>(Map.of("MODELARTS_ENDPOINT", "https://modelarts.example.com",
                "MODELARTS_PROJECT_ID", "p1", "KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"));
        env.put(PATH, path);
        env.put(PASSWORD, password);
        return Settings.from(SettingsSource.load(env, Map.of()));
    }

    private static void assertRefused(String path, String password, String variable) {
        assertThatThrownBy(() -> load(path, password)).isInstanceOfSatisfying(InvalidSettingsException.class, e -> {
            assertThat(e.problems()).singleElement().asString().startsWith(variable + " ");
            if (!password.isEmpty()) {
                assertThat(e.getMessage()).doesNotContain(password);
            }
        });
    }
}
