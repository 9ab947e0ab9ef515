package io.polyclinic.testkit.kafka;

import io.polyclinic.testkit.net.FreePorts;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker (the server artifacts from Maven Central) running in this JVM in KRaft mode: one node
 * that is both broker and controller, listening on 127.0.0.1 only, for tests and the dev stack.
 *
 * <p>The log directory is formatted on first use (a fresh cluster id) and reused afterwards, so the dev stack's
 * {@code ./var/kafka} keeps its topics and messages between runs. {@link #stop()} and {@link #restart()} stop and
 * start the broker on the same client port with the same data, which is how tests play "Kafka is down".
 *
 * <p>Why not spring-kafka-test's {@code EmbeddedKafkaKraftBroker}: it builds its cluster in fresh temporary
 * directories on every start, so it can neither keep data in a given directory nor come back on the same port.
 */
public final class EmbeddedKafkaServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaServer.class);
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static EmbeddedKafkaServer shared;

    private final Path logDirectory;
    private final int port;
    private KafkaRaftServer server;

    private EmbeddedKafkaServer(Path logDirectory, int port) {
        this.logDirectory = logDirectory;
        this.port = port;
    }

    /**
     * Starts a broker whose data lives in {@code logDirectory} (formatting it on first use) and returns once it
     * accepts clients.
     *
     * @param port the client port on 127.0.0.1, or 0 for a port free right now (kept across {@link #restart()})
     * @throws IllegalStateException when the broker does not start
     */
    public static EmbeddedKafkaServer start(Path logDirectory, int port) {
        var server = new EmbeddedKafkaServer(logDirectory.toAbsolutePath(), port == 0 ? freePort() : port);
        server.restart();
        return server;
    }

    /** One broker per JVM in a temporary directory, stopped when the JVM exits; for tests. */
    public static synchronized EmbeddedKafkaServer shared() {
        if (shared == null) {
            try {
                var directory = Files.createTempDirectory("polyclinic-kafka");
                shared = start(directory, 0);
                var server = shared;
                Runtime.getRuntime()
                        .addShutdownHook(new Thread(
                                () -> {
                                    server.close();
                                    deleteRecursively(directory);
                                },
                                "embedded-kafka-stop"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    /** {@code 127.0.0.1:<port>}, the value for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The client port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** Whether the broker is running. */
    public synchronized boolean isRunning() {
        return server != null;
    }

    /**
     * Starts the broker again on the same port with the same data; does nothing when it is running.
     *
     * @throws IllegalStateException when it does not start
     */
    public synchronized void restart() {
        if (server != null) {
            return;
        }
        try {
            Files.createDirectories(logDirectory);
            if (!Files.exists(logDirectory.resolve("meta.properties"))) {
                format();
            }
            var config = new KafkaConfig(configuration(freePort()), false);
            var started = new KafkaRaftServer(config, Time.SYSTEM);
            started.startup();
            server = started;
            awaitClients();
            log.info("Embedded Kafka is up on {} with data in {}", bootstrapServers(), logDirectory);
        } catch (IOException e) {
            stop();
            throw new UncheckedIOException("Embedded Kafka did not start in " + logDirectory, e);
        } catch (RuntimeException e) {
            stop();
            throw new IllegalStateException("Embedded Kafka did not start in " + logDirectory, e);
        }
    }

    /** Stops the broker, keeping its data for {@link #restart()}; does nothing when it is stopped. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            log.warn("Embedded Kafka did not stop cleanly", e);
        } finally {
            server = null;
        }
    }

    /**
     * Creates the topics that do not exist yet.
     *
     * @param partitions partitions of each new topic (replication factor 1: there is one broker)
     */
    public void createTopics(List<String> names, int partitions) {
        try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            for (var name : names) {
                try {
                    admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
                            .all()
                            .get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Cannot create topic " + name, e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Topics not created in 30 s", e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private Properties configuration(int controllerPort) {
        var properties = new Properties();
        properties.put("process.roles", "broker,controller");
        properties.put("node.id", String.valueOf(NODE_ID));
        // A static quorum of this node: the controller port may change between runs, nothing stores it.
        properties.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        properties.put("controller.listener.names", CONTROLLER_LISTENER);
        properties.put(
                "listeners",
                "PLAINTEXT://127.0.0.1:" + port + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
        properties.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        properties.put("inter.broker.listener.name", "PLAINTEXT");
        properties.put("log.dirs", logDirectory.toString());
        properties.put("num.partitions", "3");
        // One broker: every internal topic has one replica, and a small one starts faster.
        properties.put("offsets.topic.replication.factor", "1");
        properties.put("offsets.topic.num.partitions", "5");
        properties.put("transaction.state.log.replication.factor", "1");
        properties.put("transaction.state.log.min.isr", "1");
        properties.put("transaction.state.log.num.partitions", "5");
        properties.put("share.coordinator.state.topic.replication.factor", "1");
        properties.put("share.coordinator.state.topic.min.isr", "1");
        properties.put("group.initial.rebalance.delay.ms", "0");
        // A laptop: small segments and a week of retention keep ./var/kafka small.
        properties.put("log.segment.bytes", String.valueOf(16 * 1024 * 1024));
        properties.put("log.retention.hours", "168");
        properties.put("num.network.threads", "2");
        properties.put("num.io.threads", "2");
        properties.put("background.threads", "2");
        return properties;
    }

    private void format() {
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(logDirectory.toString()))
                    .setMetadataLogDirectory(logDirectory.toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot format the Kafka log directory " + logDirectory, e);
        }
    }

    /** Waits until a client sees the broker (the broker unfences itself shortly after startup returns). */
    private void awaitClients() {
        var deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try (var admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                "10000",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                "5000"))) {
            while (true) {
                try {
                    if (!admin.describeCluster()
                            .nodes()
                            .get(10, TimeUnit.SECONDS)
                            .isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException notYet) {
                    // The broker is still catching up with its metadata.
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Embedded Kafka did not accept clients in 60 s");
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Kafka", e);
        }
    }

    private static int freePort() {
        return FreePorts.next();
    }

    /** Best effort: a test run should not leave Kafka logs behind in the temp directory. */
    private static void deleteRecursively(Path directory) {
        try (var paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            log.warn("Could not delete {}", directory, e);
        }
    }
}
