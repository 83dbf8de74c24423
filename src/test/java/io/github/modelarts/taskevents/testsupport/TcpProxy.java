package io.github.modelarts.taskevents.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Forwards TCP connections from a free local port to {@code 127.0.0.1:targetPort}, until a test cuts it: then every
 * live connection is closed, and new ones are taken but never answered (a network cut, not a refusal), until it heals.
 */
public final class TcpProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;

    public TcpProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon("tcp-proxy-accept", this::accept).start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Closes every connection through the proxy; those made from now on go nowhere. */
    public void cut() {
        cut = true;
        closeAll();
    }

    /** Forwards again; the silent connections made while cut are closed, so that their clients connect anew. */
    public void heal() {
        cut = false;
        closeAll();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                open.add(client);
                if (!cut) {
                    forward(client);
                }
            } catch (IOException e) {
                // closed, or one connection failed: the next accept tells which
            }
        }
    }

    private void forward(Socket client) throws IOException {
        Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        open.add(target);
        daemon("tcp-proxy-up", () -> pump(client, target)).start();
        daemon("tcp-proxy-down", () -> pump(target, client)).start();
    }

    /** Copies until either side ends, then ends both. */
    private void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // cut, or closed by either side
        } finally {
            close(from);
            close(to);
        }
    }

    private void closeAll() {
        List.copyOf(open).forEach(this::close);
    }

    private void close(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public void close() throws IOException {
        server.close();
        closeAll();
    }
}
