package io.polyclinic.testkit.amqp;

import io.polyclinic.testkit.net.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.model.SystemConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real AMQP 0-9-1 broker (Apache Qpid Broker-J, in-memory store) in this JVM, standing in for RabbitMQ in tests
 * and the dev stack. It listens on 127.0.0.1 on a free port, has one virtual host {@code default} (also reachable as
 * {@code /}) and one user {@code guest}/{@code guest} (loopback only, PLAIN over plain TCP allowed). Messages live
 * in memory and are gone when it stops.
 *
 * <p>Broker-J does not understand RabbitMQ's {@code x-dead-letter-exchange} queue argument; the broker is configured
 * to ignore unknown declare arguments, and dead-lettering works through Broker-J's own {@code alternateExchange}
 * queue argument (a rejected message goes to that exchange with its original routing key), which RabbitMQ in turn
 * ignores. A client that declares both gets dead-lettering on either broker.
 */
public final class EmbeddedAmqpBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedAmqpBroker.class);
    private static EmbeddedAmqpBroker shared;

    private final SystemLauncher launcher;
    private final Path workDirectory;
    private final int port;

    private EmbeddedAmqpBroker(SystemLauncher launcher, Path workDirectory, int port) {
        this.launcher = launcher;
        this.workDirectory = workDirectory;
        this.port = port;
    }

    /**
     * Starts a broker on a free port.
     *
     * @throws IllegalStateException when the broker does not start
     */
    public static EmbeddedAmqpBroker start() {
        Path work;
        try {
            work = Files.createTempDirectory("polyclinic-amqp");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        requireJdkCompatibleSubjectContext();
        int port = freePort();
        try {
            var config = work.resolve("broker-config.json");
            Files.writeString(config, initialConfiguration(), StandardCharsets.UTF_8);
            var context = new HashMap<String, String>();
            context.put("qpid.work_dir", work.toString());
            context.put("qpid.amqp_port", Integer.toString(port));
            // No broker status chatter on stdout; errors still reach the log.
            context.put("qpid.broker_status_updates", "false");
            var attributes = new HashMap<String, Object>();
            attributes.put("type", "Memory");
            attributes.put(
                    SystemConfig.INITIAL_CONFIGURATION_LOCATION, config.toUri().toString());
            attributes.put(SystemConfig.STARTUP_LOGGED_TO_SYSTEM_OUT, false);
            attributes.put("context", context);
            var launcher = new SystemLauncher();
            launcher.startup(attributes);
            log.info("Embedded AMQP broker (Qpid Broker-J) listening on 127.0.0.1:{}", port);
            return new EmbeddedAmqpBroker(launcher, work, port);
        } catch (Exception e) {
            deleteRecursively(work);
            throw new IllegalStateException("The embedded AMQP broker did not start on port " + port, e);
        }
    }

    /** One broker per JVM, stopped when the JVM exits; for tests. */
    public static synchronized EmbeddedAmqpBroker shared() {
        if (shared == null) {
            shared = start();
            var broker = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "embedded-amqp-stop"));
        }
        return shared;
    }

    /**
     * Broker-J 10.1 fails on JDK 24+ unless testkit's replacement of {@code SubjectExecutionContext} is the one
     * loaded, which needs testkit before {@code qpid-broker-core} on the classpath (declare it first in the pom).
     */
    private static void requireJdkCompatibleSubjectContext() {
        var loaded = org.apache.qpid.server.security.SubjectExecutionContext.class;
        var source = loaded.getProtectionDomain().getCodeSource();
        var here = EmbeddedAmqpBroker.class.getProtectionDomain().getCodeSource();
        if (source == null || here == null || !source.getLocation().equals(here.getLocation())) {
            throw new IllegalStateException(
                    "Qpid's SubjectExecutionContext was loaded from "
                            + (source == null ? "an unknown place" : source.getLocation())
                            + " instead of the testkit: put io.polyclinic:testkit before org.apache.qpid:* in the dependencies");
        }
    }

    private static String initialConfiguration() {
        // Model version 8.0 is Broker-J 7+ / 8+ / 9+ / 10's configuration model.
        return """
                {
                  "name": "polyclinic-embedded",
                  "modelVersion": "8.0",
                  "context": {
                    "queue.behaviourOnUnknownDeclareArgument": "IGNORE"
                  },
                  "authenticationproviders": [ {
                    "name": "plain",
                    "type": "Plain",
                    "secureOnlyMechanisms": [],
                    "users": [ { "name": "guest", "type": "managed", "password": "guest" } ]
                  } ],
                  "ports": [ {
                    "name": "AMQP",
                    "port": "${qpid.amqp_port}",
                    "bindingAddress": "127.0.0.1",
                    "protocols": [ "AMQP_0_9_1" ],
                    "authenticationProvider": "plain",
                    "virtualhostaliases": [
                      { "name": "nameAlias", "type": "nameAlias" },
                      { "name": "defaultAlias", "type": "defaultAlias" }
                    ]
                  } ],
                  "virtualhostnodes": [ {
                    "name": "default",
                    "type": "Memory",
                    "defaultVirtualHostNode": "true",
                    "virtualHostInitialConfiguration": "{\\"type\\": \\"Memory\\"}"
                  } ]
                }
                """;
    }

    private static int freePort() {
        return FreePorts.next();
    }

    /** The TCP port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** The host to connect to. */
    public String host() {
        return "127.0.0.1";
    }

    /** The user name ({@code guest}). */
    public String username() {
        return "guest";
    }

    /** The password ({@code guest}); dev and test only, the broker listens on loopback. */
    public String password() {
        return "guest";
    }

    /** Spring Boot's {@code spring.rabbitmq.*} settings that point a client at this broker. */
    public Map<String, Object> springProperties() {
        return Map.of(
                "spring.rabbitmq.host", host(),
                "spring.rabbitmq.port", Integer.toString(port),
                "spring.rabbitmq.username", username(),
                "spring.rabbitmq.password", password(),
                "spring.rabbitmq.virtual-host", "default");
    }

    @Override
    public synchronized void close() {
        try {
            launcher.shutdown();
        } catch (RuntimeException e) {
            log.warn("The embedded AMQP broker did not stop cleanly", e);
        }
        deleteRecursively(workDirectory);
    }

    private static void deleteRecursively(Path directory) {
        try (var paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            log.warn("Could not delete {}", directory, e);
        }
    }
}
