package io.polyclinic.deploy.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;

/**
 * A Kafka broker in this JVM configured from the {@code kafka} service of compose.yaml: its {@code KAFKA_*}
 * environment turned into broker properties the way the apache/kafka image does ({@code KAFKA_} dropped, {@code ___}
 * to {@code -}, {@code __} to {@code _}, {@code _} to {@code .}, lower case), with only the addresses and the log
 * directory replaced (127.0.0.1, free ports, a temporary directory).
 */
final class ComposeKafkaBroker implements AutoCloseable {

    /** Settings of the image's start script or of the container, not broker properties. */
    private static final List<String> NOT_BROKER_PROPERTIES = List.of("KAFKA_HEAP_OPTS", "KAFKA_OPTS");

    private final KafkaRaftServer server;
    private final int port;

    private ComposeKafkaBroker(KafkaRaftServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * Formats {@code directory} and starts the broker.
     *
     * @param environment the kafka service's environment, variables already interpolated
     */
    static ComposeKafkaBroker start(Map<String, String> environment, Path directory) {
        var port = freePort();
        var controllerPort = freePort();
        var properties = new Properties();
        environment.forEach((name, value) -> {
            if (name.startsWith("KAFKA_") && !NOT_BROKER_PROPERTIES.contains(name)) {
                properties.put(propertyName(name), value);
            }
        });
        properties.put("listeners", "INTERNAL://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        properties.put("advertised.listeners", "INTERNAL://127.0.0.1:" + port);
        properties.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        properties.put("log.dirs", directory.toString());
        properties.put("num.network.threads", "2");
        properties.put("num.io.threads", "2");
        properties.put("share.coordinator.state.topic.replication.factor", "1");
        properties.put("share.coordinator.state.topic.min.isr", "1");
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8))
                    .setNodeId(Integer.parseInt(environment.get("KAFKA_NODE_ID")))
                    .setClusterId(environment.get("CLUSTER_ID"))
                    .setDirectories(List.of(directory.toString()))
                    .setMetadataLogDirectory(directory.toString())
                    .setControllerListenerName(environment.get("KAFKA_CONTROLLER_LISTENER_NAMES"))
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot format " + directory, e);
        }
        var server = new KafkaRaftServer(new KafkaConfig(properties, false), Time.SYSTEM);
        server.startup();
        return new ComposeKafkaBroker(server, port);
    }

    /** The image's translation of one environment variable name into a broker property name. */
    static String propertyName(String environmentVariable) {
        return environmentVariable
                .substring("KAFKA_".length())
                .replace("___", "-")
                .replace("__", "\u0000")
                .replace('_', '.')
                .replace('\u0000', '_')
                .toLowerCase(Locale.ROOT);
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
