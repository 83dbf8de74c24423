package io.github.modelarts.taskevents.simulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** Writes responses, played the way a fault asks: late, cut short, garbled or not at all. */
final class ResponseWriter implements AutoCloseable {
    // late answers wait here, not in a sleeping worker, so latency faults do not starve the pool
    private final ScheduledExecutorService delays =
            Executors.newScheduledThreadPool(2, new DaemonThreads("modelarts-simulator-delay"));

    void send(HttpExchange exchange, SimulatorResponse response, Fault fault) {
        if (fault == null) {
            deliver(exchange, response, Fault.Delivery.COMPLETE);
            return;
        }
        SimulatorResponse played = fault.replacement().orElse(response);
        for (var header : fault.headers().entrySet()) {
            played = played.withHeader(header.getKey(), header.getValue());
        }
        SimulatorResponse answer = played;
        long delayMillis = fault.latency().toMillis();
        if (delayMillis == 0) {
            deliver(exchange, answer, fault.delivery());
        } else {
            delays.schedule(() -> deliver(exchange, answer, fault.delivery()), delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    private static void deliver(HttpExchange exchange, SimulatorResponse response, Fault.Delivery delivery) {
        // closing an exchange whose headers were not sent drops the connection: that is the reset
        try (exchange) {
            byte[] body = response.body();
            byte[] half = Arrays.copyOf(body, body.length / 2);
            switch (delivery) {
                case COMPLETE -> write(exchange, response, body, body.length);
                case MALFORMED -> write(exchange, response, half, half.length);
                case TRUNCATED -> write(exchange, response, half, body.length);
                case RESET -> { }
            }
        } catch (IOException e) {
            // the client went away, or the body was cut short on purpose: nobody to tell
        }
    }

    private static void write(HttpExchange exchange, SimulatorResponse response, byte[] bytes, int announced)
            throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", response.contentType());
        headers.set("X-Request-Id", requestId());
        response.headers().forEach(headers::set);
        // for HttpServer a length of 0 means chunked; -1 means no body
        exchange.sendResponseHeaders(response.status(), announced == 0 ? -1 : announced);
        exchange.getResponseBody().write(bytes);
    }

    /** 32 hex digits like ModelArts' request ids; ThreadLocalRandom avoids UUID's shared SecureRandom. */
    private static String requestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return HexFormat.of().toHexDigits(random.nextLong()) + HexFormat.of().toHexDigits(random.nextLong());
    }

    @Override
    public void close() {
        delays.shutdownNow();
    }
}
