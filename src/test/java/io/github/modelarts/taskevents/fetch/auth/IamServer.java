package io.github.modelarts.taskevents.fetch.auth;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.modelarts.taskevents.simulator.auth.AuthResponse;
import io.github.modelarts.taskevents.simulator.auth.IamTokenService;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The simulated IAM token API on a real socket. Requests can be held at the door (to pile up concurrent
 * callers) and answered with a canned response instead of the service's (to play an IAM outage).
 */
final class IamServer implements AutoCloseable {
    private final IamTokenService service;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile CountDownLatch door = new CountDownLatch(0);
    private volatile AuthResponse canned;
    private volatile String lastBody;
    private volatile String lastContentType;

    IamServer(IamTokenService service) throws IOException {
        this.service = service;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext("/v3/auth/tokens", this::handle);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void holdRequests() {
        door = new CountDownLatch(1);
    }

    void releaseRequests() {
        door.countDown();
    }

    void answerEveryRequestWith(AuthResponse response) {
        canned = response;
    }

    int requests() {
        return requests.get();
    }

    String lastBody() {
        return lastBody;
    }

    String lastContentType() {
        return lastContentType;
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        byte[] body = exchange.getRequestBody().readAllBytes();
        lastBody = new String(body, UTF_8);
        lastContentType = exchange.getRequestHeaders().getFirst("Content-Type");
        try {
            door.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        AuthResponse response = canned != null ? canned : service.createToken(body);
        response.headers().forEach(exchange.getResponseHeaders()::set);
        byte[] answer = response.body().getBytes(UTF_8);
        exchange.sendResponseHeaders(response.status(), answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    @Override
    public void close() {
        door.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
