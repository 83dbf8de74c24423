package io.github.modelarts.taskevents.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.github.modelarts.taskevents.config.Settings;
import io.github.modelarts.taskevents.task.TaskRef;
import io.github.modelarts.taskevents.testsupport.FetchRouteSupport;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** What the simulator's faults cannot play: an answer whose body stops half-way while the connection stays open. */
class FetchTimeoutTest extends FetchRouteSupport {
    private static final Duration READ_TIMEOUT = Duration.ofMillis(500);
    private static final Settings.Http LIMITS = new Settings.Http(Duration.ofSeconds(1), READ_TIMEOUT, 1, 2, 0, 1024);
    private static final CountDownLatch TESTS_DONE = new CountDownLatch(1);
    private static final HttpServer STALLING = stallingServer();

    @Override
    protected String endpoint() {
        return "http://127.0.0.1:" + STALLING.getAddress().getPort();
    }

    @Override
    protected String projectId() {
        return "p1";
    }

    @Override
    protected Settings.Http limits() {
        return LIMITS;
    }

    @AfterAll
    static void stopServer() {
        TESTS_DONE.countDown();
        STALLING.stop(0);
    }

    @Test
    void givenBodyStallsAfterTheHeaders_whenFetched_thenTimeoutSoonAfterTheReadTimeoutOfEachTry() {
        long start = System.nanoTime();

        FetchResult fetched = template.send("direct:fetch-task",
                exchange -> exchange.setVariable("task", new TaskRef("ds", "t")))
                .getVariable(FetchResult.VARIABLE, FetchResult.class);

        assertThat(fetched.failure().reason()).isEqualTo("timeout");
        assertThat(fetched.attempts()).isEqualTo(1 + LIMITS.retries());
        // two reads of READ_TIMEOUT and one backoff of at most a second, with room for a loaded machine
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    private static HttpServer stallingServer() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, 100);
                OutputStream body = exchange.getResponseBody();
                body.write("{\"status\":".getBytes(StandardCharsets.UTF_8));
                body.flush();
                try {
                    TESTS_DONE.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
            });
            server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "stalling-server");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
