package io.polyclinic.testkit.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real SMTP server (GreenMail) in this JVM that accepts every message for any address and keeps it in memory, for
 * tests and the dev stack's inbox. It listens on 127.0.0.1 on a free port; {@link #stop()} and {@link #restart()}
 * (same port) let a test see how a client copes with SMTP being down.
 */
public final class EmbeddedSmtpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedSmtpServer.class);
    private static EmbeddedSmtpServer shared;

    private GreenMail greenMail;
    private int port;

    private EmbeddedSmtpServer() {}

    /** Starts a server on a free port. */
    public static EmbeddedSmtpServer start() {
        var server = new EmbeddedSmtpServer();
        server.startOn(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        log.info("Embedded SMTP server (GreenMail) listening on 127.0.0.1:{}", server.port);
        return server;
    }

    /** One server per JVM, stopped when the JVM exits; for tests. */
    public static synchronized EmbeddedSmtpServer shared() {
        if (shared == null) {
            shared = start();
            var server = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "embedded-smtp-stop"));
        }
        return shared;
    }

    private void startOn(ServerSetup setup) {
        greenMail = new GreenMail(setup);
        greenMail.start();
        port = greenMail.getSmtp().getPort();
    }

    /** The TCP port on 127.0.0.1. */
    public synchronized int port() {
        return port;
    }

    /** The host to connect to. */
    public String host() {
        return "127.0.0.1";
    }

    /** Spring Boot's {@code spring.mail.*} settings that point a client at this server (no authentication). */
    public Map<String, Object> springProperties() {
        return Map.of("spring.mail.host", host(), "spring.mail.port", Integer.toString(port()));
    }

    /** Every message received since the start or the last {@link #purge()}, oldest first. */
    public synchronized List<MimeMessage> receivedMessages() {
        return List.of(greenMail.getReceivedMessages());
    }

    /**
     * Waits until at least {@code count} messages have arrived (in total since the last purge).
     *
     * @return whether they arrived within {@code timeout}
     */
    public boolean awaitMessages(int count, Duration timeout) {
        GreenMail current;
        synchronized (this) {
            current = greenMail;
        }
        return current.waitForIncomingEmail(timeout.toMillis(), count);
    }

    /** Forgets every received message. */
    public synchronized void purge() {
        try {
            greenMail.purgeEmailFromAllMailboxes();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot purge the embedded SMTP server's mailboxes", e);
        }
    }

    /** Stops accepting connections (clients see "connection refused") until {@link #restart()}. */
    public synchronized void stop() {
        greenMail.stop();
    }

    /** Starts again on the same port, with an empty inbox. */
    public synchronized void restart() {
        if (greenMail.isRunning()) {
            greenMail.stop();
        }
        startOn(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    }

    @Override
    public synchronized void close() {
        greenMail.stop();
    }
}
