package io.polyclinic.testkit.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on 127.0.0.1 that a test puts between an application and a server (e.g. the embedded PostgreSQL), to
 * take the server away and bring it back: {@link #cut()} closes every proxied connection and refuses new ones (the
 * application sees a connection reset, then "connection refused"); {@link #restore()} accepts again on the same port.
 * Each connection is two virtual threads copying bytes.
 */
public final class TcpProxy implements AutoCloseable {

    private final InetSocketAddress target;
    private final int port;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;

    private TcpProxy(InetSocketAddress target, ServerSocket server) {
        this.target = target;
        this.server = server;
        this.port = server.getLocalPort();
        accept(server);
    }

    /** Starts a proxy on a free port of 127.0.0.1 that forwards to {@code targetPort} on 127.0.0.1. */
    public static TcpProxy to(int targetPort) {
        try {
            return new TcpProxy(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), bind(0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The proxy's port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** Closes every proxied connection and stops accepting: the server is unreachable until {@link #restore()}. */
    public synchronized void cut() {
        var current = server;
        server = null;
        if (current != null) {
            closeQuietly(current);
        }
        sockets.forEach(TcpProxy::closeQuietly);
        sockets.clear();
    }

    /** Accepts connections again, on the same port. */
    public synchronized void restore() {
        if (server != null) {
            return;
        }
        try {
            server = bind(port);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on port " + port + " again", e);
        }
        accept(server);
    }

    @Override
    public void close() {
        cut();
    }

    private static ServerSocket bind(int port) throws IOException {
        var socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return socket;
    }

    private void accept(ServerSocket listening) {
        Thread.ofVirtual().name("tcp-proxy-accept-" + port).start(() -> {
            while (!listening.isClosed()) {
                try {
                    var client = listening.accept();
                    var upstream = new Socket();
                    try {
                        upstream.connect(target, 5_000);
                    } catch (IOException e) {
                        closeQuietly(client);
                        closeQuietly(upstream);
                        continue;
                    }
                    sockets.add(client);
                    sockets.add(upstream);
                    pipe(client, upstream);
                    pipe(upstream, client);
                } catch (IOException e) {
                    // Closed by cut(); the loop ends.
                }
            }
        });
    }

    private void pipe(Socket from, Socket to) {
        Thread.ofVirtual().start(() -> {
            try (InputStream in = from.getInputStream();
                    OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (SocketException e) {
                // One side closed or was cut.
            } catch (IOException e) {
                // Same: the connection is over.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                sockets.remove(from);
                sockets.remove(to);
            }
        });
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Already closed.
        }
    }
}
