package io.polyclinic.deploy.rabbitmq;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real RabbitMQ broker as a child process: Debian's {@code rabbitmq-server} (package {@code rabbitmq-server}, which
 * {@code deploy/validate.sh} installs in CI) with the management plugin, its own node name, ports, Erlang port mapper
 * and data under a temporary directory, loopback only. The in-process AMQP broker of the dev stack (Qpid Broker-J)
 * has no RabbitMQ users, virtual host permissions or management API, so the compose stack's RabbitMQ setup can only
 * be exercised on RabbitMQ itself.
 *
 * <p>Outside CI ({@code CI} not {@code true}) a machine without the package skips the tests that need it, naming the
 * install command; in CI it fails them.
 */
final class RabbitMqServer implements AutoCloseable {

    private static final Path SERVER = Path.of("/usr/lib/rabbitmq/bin/rabbitmq-server");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Process process;
    private final int amqpPort;
    private final int managementPort;
    private final int epmdPort;

    private RabbitMqServer(Process process, int amqpPort, int managementPort, int epmdPort) {
        this.process = process;
        this.amqpPort = amqpPort;
        this.managementPort = managementPort;
        this.epmdPort = epmdPort;
    }

    /**
     * Starts a broker whose only user is the given administrator with all permissions on the given virtual host (what
     * the rabbitmq image does with {@code RABBITMQ_DEFAULT_USER}/{@code _PASS}/{@code _VHOST}: no {@code guest}), and
     * returns once its management API answers that user.
     *
     * @param directory an empty directory for its configuration, data and logs
     * @throws IllegalStateException when it does not become ready within two minutes (its log is in the message)
     */
    static RabbitMqServer start(Path directory, String adminUser, String adminPassword, String virtualHost)
            throws IOException, InterruptedException {
        if (!Files.isExecutable(SERVER)) {
            var install = "apt-get install -y rabbitmq-server";
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(SERVER + " is missing: " + install + " (deploy/validate.sh does)");
            }
            Assumptions.abort("RabbitMQ is not installed here; " + install + " to run this test");
        }
        int amqp = freePort();
        int management = freePort();
        int epmd = freePort();
        int distribution = freePort();
        var config = directory.resolve("rabbitmq.conf");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "listeners.tcp.default = 127.0.0.1:" + amqp,
                        "management.tcp.ip = 127.0.0.1",
                        "management.tcp.port = " + management,
                        "default_user = " + adminUser,
                        "default_pass = " + adminPassword,
                        "default_vhost = " + virtualHost,
                        "default_user_tags.administrator = true",
                        "default_permissions.configure = .*",
                        "default_permissions.read = .*",
                        "default_permissions.write = .*",
                        ""),
                StandardCharsets.UTF_8);
        var plugins = directory.resolve("enabled_plugins");
        Files.writeString(plugins, "[rabbitmq_management].\n", StandardCharsets.UTF_8);
        var builder = new ProcessBuilder(SERVER.toString())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("server.log").toFile());
        var env = builder.environment();
        env.put("HOME", directory.toString());
        env.put("RABBITMQ_NODENAME", "polyclinic-deploy-test-" + amqp + "@localhost");
        env.put("RABBITMQ_CONFIG_FILE", config.toString());
        env.put("RABBITMQ_ENABLED_PLUGINS_FILE", plugins.toString());
        env.put("RABBITMQ_MNESIA_BASE", directory.resolve("mnesia").toString());
        env.put("RABBITMQ_LOG_BASE", directory.resolve("log").toString());
        env.put("RABBITMQ_DIST_PORT", Integer.toString(distribution));
        env.put("ERL_EPMD_PORT", Integer.toString(epmd));
        var server = new RabbitMqServer(builder.start(), amqp, management, epmd);
        try {
            server.awaitManagementApi(adminUser, adminPassword, directory.resolve("server.log"));
            return server;
        } catch (RuntimeException | InterruptedException e) {
            server.close();
            throw e;
        }
    }

    /** The AMQP 0-9-1 port on 127.0.0.1. */
    int amqpPort() {
        return amqpPort;
    }

    /** The management API's base URL, {@code http://127.0.0.1:<port>/api}. */
    String managementApi() {
        return "http://127.0.0.1:" + managementPort + "/api";
    }

    private void awaitManagementApi(String user, String password, Path log) throws IOException, InterruptedException {
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        var auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        var request = HttpRequest.newBuilder(URI.create(managementApi() + "/overview"))
                .header("Authorization", "Basic " + auth)
                .timeout(Duration.ofSeconds(5))
                .build();
        var deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("rabbitmq-server exited: " + Files.readString(log));
            }
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(
                "rabbitmq-server was not ready in " + START_TIMEOUT + ": " + Files.readString(log));
    }

    /** Stops the broker (SIGTERM, a clean shutdown), then its Erlang port mapper. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            // epmd outlives the node as a daemon; with no node registered any more it accepts -kill
            new ProcessBuilder("epmd", "-port", Integer.toString(epmdPort), "-kill")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start()
                    .waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
