package io.github.modelarts.taskevents.simulator;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A JDK HttpServer on the loopback interface whose threads never keep the JVM alive. */
final class SimulatorServer implements AutoCloseable {
    // handling is short and CPU-light; enough workers to keep a benchmark's connections busy on a few cores
    private static final int WORKERS = 32;
    // a benchmark opens many connections at once; the JDK default backlog would refuse some
    private static final int BACKLOG = 1024;

    static {
        // HttpServer writes headers and body separately; with Nagle's algorithm the body then waits for the
        // client's delayed ACK, ~40 ms per response. The JDK reads this flag once, when the JVM's first
        // HttpServer is created, so it must be set before that; an explicit choice is left alone.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService workers;

    private SimulatorServer(HttpServer server, ExecutorService workers) {
        this.server = server;
        this.workers = workers;
    }

    static SimulatorServer start(int port, HttpHandler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), BACKLOG);
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS, new DaemonThreads("modelarts-simulator"));
        server.setExecutor(workers);
        server.createContext("/", handler);
        // HttpServer's dispatcher thread inherits the daemon flag of the thread calling start()
        Thread starter = new DaemonThreads("modelarts-simulator-start").newThread(server::start);
        starter.start();
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.stop(0);
            workers.shutdownNow();
            throw new IOException("interrupted while starting the simulator", e);
        }
        return new SimulatorServer(server, workers);
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
