package io.polyclinic.testkit.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Free TCP ports for servers that bind later, never the same one twice in this JVM. Asking the operating system for
 * a free port ({@code new ServerSocket(0)}) and closing it again frees the port for the next such request too: when
 * the dev stack picks ports for a dozen servers before they bind (gRPC servers, the AMQP broker, Kafka, the S3
 * server), two of them could be handed the same number and one would fail to bind. This keeps the ports it gave out.
 */
public final class FreePorts {

    private static final Set<Integer> GIVEN = new HashSet<>();

    private FreePorts() {}

    /**
     * A port that was free a moment ago and that no earlier call in this JVM returned.
     *
     * @throws UncheckedIOException when the operating system has no free port
     */
    public static synchronized int next() {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (var socket = new ServerSocket(0)) {
                socket.setReuseAddress(true);
                if (GIVEN.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("No free port", e);
            }
        }
        throw new UncheckedIOException(new IOException("No free port that was not given out before"));
    }
}
