package io.github.modelarts.taskevents;

import static io.github.modelarts.taskevents.testsupport.CloudCredentials.PASSWORD;
import static io.github.modelarts.taskevents.testsupport.CloudCredentials.SECRET_KEY;
import static io.github.modelarts.taskevents.testsupport.TaskBodies.task;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.github.modelarts.taskevents.simulator.RequestGate;
import io.github.modelarts.taskevents.simulator.SimulatorResponse;
import io.github.modelarts.taskevents.simulator.auth.AuthGate;
import io.github.modelarts.taskevents.testing.MutableClock;
import io.github.modelarts.taskevents.testsupport.CloudCredentials;
import io.github.modelarts.taskevents.testsupport.Pipeline;
import io.github.modelarts.taskevents.testsupport.TopicReader;
import io.github.modelarts.taskevents.testsupport.TopicReader.Received;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * "Secrets never appear in logs or events" (docs/authentication.md#secrets): a full cycle in each auth mode,
 * credentials accepted then refused, with DEBUG logging for the project, Camel, Apache HttpClient (as far as
 * logback-secrets.xml lets it) and the simulator's JDK HTTP server. Every secret the cloud saw (tokens, signatures) or was configured with (password, SK) is searched for.
 */
class AuthLogRedactionTest {
    private static final String DS = "dsRedact";
    private static final Instant START = Instant.parse("2026-11-27T08:00:00Z");
    private static final String MANAGEMENT_TOKEN = "management-Token-5a1e7c3d9b";
    /** logback loggers set to DEBUG; the JDK's System.Logger goes to java.util.logging, captured separately. */
    private static final List<String> DEBUG_LOGGERS = List.of("io.github.modelarts.taskevents", "org.apache.camel",
            "org.apache.hc.client5.http");
    private static final List<String> JDK_LOGGERS = List.of("com.sun.net.httpserver");

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final List<LogRecord> jdkLogs = new CopyOnWriteArrayList<>();
    private final Handler jdkCapture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            jdkLogs.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    /** Held strongly: java.util.logging forgets the level of a logger nobody references. */
    private final List<java.util.logging.Logger> jdkLoggers = new ArrayList<>();
    private final Set<String> secrets = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void captureEverything() {
        logs.start();
        root().addAppender(logs);
        DEBUG_LOGGERS.forEach(name -> logger(name).setLevel(Level.DEBUG));
        jdkCapture.setLevel(java.util.logging.Level.ALL);
        for (String name : JDK_LOGGERS) {
            java.util.logging.Logger jdk = java.util.logging.Logger.getLogger(name);
            jdk.setLevel(java.util.logging.Level.ALL);
            jdk.addHandler(jdkCapture);
            jdkLoggers.add(jdk);
        }
    }

    @AfterEach
    void restore() {
        root().detachAppender(logs);
        DEBUG_LOGGERS.forEach(name -> logger(name).setLevel(null));
        jdkLoggers.forEach(jdk -> {
            jdk.removeHandler(jdkCapture);
            jdk.setLevel(null);
        });
    }

    @ParameterizedTest(name = "auth {0}")
    @ValueSource(strings = {"token", "password", "aksk"})
    void givenAFullCycleAtDebug_whenEverythingIsSearched_thenNoSecretInAnyLogLineOrKafkaRecord(String mode)
            throws Exception {
        MutableClock cloudClock = new MutableClock(START);
        MutableClock appClock = new MutableClock(START);
        AuthGate gate = CloudCredentials.gate().clock(cloudClock).build();
        secrets.addAll(List.of(PASSWORD, SECRET_KEY, MANAGEMENT_TOKEN));
        try (Pipeline pipeline = CloudCredentials.configure(new Pipeline(recording(gate)), mode, gate)
                .clock(appClock).watching(DS + "/done", DS + "/running", DS + "/missing")
                .with("management.token", MANAGEMENT_TOKEN);
             TopicReader reader = pipeline.reader()) {
            pipeline.simulator().putTask(DS, task("done", 3, "ModelArts.4996"));
            pipeline.simulator().putTask(DS, task("running", 1, "ModelArts.4902"));
            pipeline.start();
            pipeline.poll();
            // the management token, let in once and refused once (its prefix sent as a wrong token)
            assertThat(pipeline.management().get("/observe/tasks", "Bearer " + MANAGEMENT_TOKEN).status())
                    .isEqualTo(200);
            assertThat(pipeline.management().get("/observe/tasks", "Bearer " + MANAGEMENT_TOKEN.substring(0, 20))
                    .status()).isEqualTo(401);

            // a day later for the cloud: tokens have expired, signatures are out of the 15-minute window
            cloudClock.advance(Duration.ofHours(25));
            appClock.advance(Duration.ofMinutes(2));
            pipeline.simulator().updateTask(DS, "running", Map.of("code", "ModelArts.4904"));
            pipeline.poll();

            // completed, progress, not-found; then a second progress (password renews) or unauthorized
            reader.await(4, r -> true);
            assertThat(secrets).as("secrets the cloud saw, besides password and SK").hasSizeGreaterThan(2);
            assertThat(logs.list).as("captured log lines").isNotEmpty();
            assertThat(List.copyOf(logs.list)).as("the HTTP client's own DEBUG lines are searched too")
                    .anyMatch(event -> event.getLoggerName().startsWith("org.apache.hc.client5.http"));
            texts(reader.all()).forEach(text -> assertThat(text).doesNotContain(secrets.toArray(String[]::new)));
        }
    }

    /** Passes every request to {@code gate}, noting the secrets in it and in the answer. */
    private RequestGate recording(AuthGate gate) {
        return (method, uri, headers, body) -> {
            Optional.ofNullable(headers.getFirst("X-Auth-Token")).ifPresent(secrets::add);
            Optional.ofNullable(headers.getFirst("Authorization")).filter(value -> value.contains("Signature="))
                    .map(value -> value.substring(value.indexOf("Signature=") + "Signature=".length()))
                    .ifPresent(secrets::add);
            Optional<SimulatorResponse> answer = gate.check(method, uri, headers, body);
            answer.map(response -> response.headers().get("X-Subject-Token")).ifPresent(secrets::add);
            return answer;
        };
    }

    private List<String> texts(List<Received> records) {
        List<ILoggingEvent> events;
        synchronized (logs) {
            // the appender appends under its own lock, from Kafka's and Camel's threads too
            events = new ArrayList<>(logs.list);
        }
        List<String> texts = new ArrayList<>();
        for (ILoggingEvent event : events) {
            texts.add(event.getFormattedMessage());
            if (event.getThrowableProxy() != null) {
                texts.add(ThrowableProxyUtil.asString(event.getThrowableProxy()));
            }
            texts.add(String.valueOf(event.getMDCPropertyMap()));
        }
        SimpleFormatter formatter = new SimpleFormatter();
        jdkLogs.forEach(record -> texts.add(formatter.format(record)));
        for (Received record : records) {
            texts.add(record.key());
            texts.add(record.value());
            record.headers().forEach((name, value) -> texts.add(name + ": " + value));
        }
        return texts;
    }

    private static Logger root() {
        return logger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    private static Logger logger(String name) {
        return (Logger) LoggerFactory.getLogger(name);
    }
}
