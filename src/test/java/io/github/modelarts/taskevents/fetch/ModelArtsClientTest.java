package io.github.modelarts.taskevents.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.github.modelarts.taskevents.fetch.auth.NoAuthentication;
import io.github.modelarts.taskevents.task.TaskRef;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What the simulator's faults cannot play: an answer whose body stops half-way while the connection stays open. */
class ModelArtsClientTest {
    private static final Duration READ_TIMEOUT = Duration.ofMillis(500);

    @Test
    void givenBodyStallsAfterTheHeaders_whenFetched_thenTimeoutSoonAfterTheReadTimeout() throws Exception {
        CountDownLatch testDone = new CountDownLatch(1);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, 100);
            OutputStream body = exchange.getResponseBody();
            body.write("{\"status\":".getBytes());
            body.flush();
            try {
                testDone.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
        try {
            ModelArtsClient client = new ModelArtsClient(HttpClient.newHttpClient(), new NoAuthentication(),
                    new RequestPacer(0), 0, READ_TIMEOUT, 1024, Clock.systemUTC(), RequestListener.NONE);
            long start = System.nanoTime();

            FetchResult result = client.get(new TaskRef("ds", "t"),
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/stalls"));

            assertThat(result).isInstanceOfSatisfying(FetchResult.Unreachable.class,
                    unreachable -> assertThat(unreachable.reason()).isEqualTo("timeout"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(READ_TIMEOUT.plusSeconds(2));
        } finally {
            testDone.countDown();
            server.stop(0);
        }
    }
}
