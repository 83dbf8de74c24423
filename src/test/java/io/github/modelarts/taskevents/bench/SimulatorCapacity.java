package io.github.modelarts.taskevents.bench;

import io.github.modelarts.taskevents.simulator.ModelArtsSimulator;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * The simulator's own capacity, measured alone: many keep-alive connections, each sending task GETs as
 * fast as they are answered, with a client as thin as HTTP/1.1 allows, so the figure is the server's and
 * not a client library's. The route and the baseline must stay well below it to be measured, not it.
 */
final class SimulatorCapacity {
    private static final int CONNECTIONS = 32;
    private static final Duration DURATION = Duration.ofSeconds(5);
    private static final int TASKS = 1_000;
    /** Far more than 5 s allow even on a fast machine; the time limit is the one meant to end the loop. */
    private static final int MAX_REQUESTS_PER_CONNECTION = 1_000_000;

    private SimulatorCapacity() {
    }

    /** Answered task GETs per second. */
    static double measure() throws Exception {
        BenchTasks tasks = new BenchTasks(TASKS, Scenario.FLIP_EVERY, Scenario.Source.STATIC.datasets());
        try (ModelArtsSimulator simulator = new ModelArtsSimulator(BenchTasks.PROJECT).start()) {
            tasks.putRunning(simulator);
            LongAdder answered = new LongAdder();
            long endAt = System.nanoTime() + DURATION.toNanos();
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < CONNECTIONS; c++) {
                int first = c;
                Thread client = new Thread(() -> getUntil(simulator.port(), tasks, first, endAt, answered));
                client.setDaemon(true);
                client.start();
                clients.add(client);
            }
            for (Thread client : clients) {
                client.join(DURATION.plusSeconds(10).toMillis());
            }
            return answered.sum() / (double) DURATION.toSeconds();
        }
    }

    private static void getUntil(int port, BenchTasks tasks, int first, long endAt, LongAdder answered) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            for (int n = 0; n < MAX_REQUESTS_PER_CONNECTION && System.nanoTime() - endAt < 0; n++) {
                var ref = tasks.all().get((first + n * CONNECTIONS) % TASKS);
                out.write(("GET /v2/" + BenchTasks.PROJECT + "/datasets/" + ref.datasetId() + "/tasks/"
                        + ref.taskId() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                in.skipNBytes(contentLength(in));
                answered.increment();
            }
        } catch (IOException e) {
            throw new IllegalStateException("the capacity client lost its connection", e);
        }
    }

    /** Reads the status line and headers; returns the announced body length. */
    private static int contentLength(InputStream in) throws IOException {
        int length = -1;
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed in the headers");
            }
            if (b != '\n') {
                line.append((char) b);
                continue;
            }
            String header = line.toString().trim();
            if (header.isEmpty()) {
                return length;
            }
            if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(header.substring("content-length:".length()).trim());
            }
            line.setLength(0);
        }
    }
}
