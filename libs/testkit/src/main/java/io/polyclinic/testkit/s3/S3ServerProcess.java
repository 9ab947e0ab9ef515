package io.polyclinic.testkit.s3;

import io.polyclinic.testkit.net.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real S3-compatible server for tests and the dev stack: S3Proxy (org.gaul:s3proxy, its
 * {@code jar-with-dependencies} from Maven Central) with its filesystem store, run as a child JVM so its Jetty and
 * jclouds never meet the services' classpath (decision 0042). It checks AWS signatures (V2 and V4, presigned URLs
 * included) against one access key, and answers CORS preflights for the given origins.
 *
 * <p>The jar's path comes from system property {@value #JAR_PROPERTY}, which the Maven builds of the modules that use
 * it set (they copy the jar into their {@code target/s3proxy/}). The child is destroyed when this JVM exits normally;
 * its pid is written next to the data so that a dev stack killed hard can end its leftover child on the next start.
 */
public final class S3ServerProcess implements AutoCloseable {

    /** System property naming the S3Proxy jar. */
    public static final String JAR_PROPERTY = "polyclinic.s3proxy.jar";

    private static final Logger log = LoggerFactory.getLogger(S3ServerProcess.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static S3ServerProcess shared;

    private final Process process;
    private final URI endpoint;
    private final String accessKey;
    private final String secretKey;

    private S3ServerProcess(Process process, URI endpoint, String accessKey, String secretKey) {
        this.process = process;
        this.endpoint = endpoint;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /**
     * One server for the whole test JVM, on a free port with a fresh store and random keys; started on first use.
     *
     * @throws IllegalStateException when {@value #JAR_PROPERTY} is not set or the server does not start
     */
    public static synchronized S3ServerProcess shared() {
        if (shared == null) {
            try {
                var dir = Files.createTempDirectory("polyclinic-s3");
                shared = start(dir, 0, randomKey(10), randomKey(20), List.of("http://localhost:8090"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    /**
     * Starts a server and waits until it answers.
     *
     * @param directory where the buckets, the settings, the log and the pid file go (created when missing)
     * @param port the loopback port to listen on, 0 for a free one
     * @param accessKey the only access key it accepts
     * @param secretKey its secret
     * @param corsOrigins the browser origins allowed to call it (CORS), e.g. the web UI's
     */
    public static S3ServerProcess start(
            Path directory, int port, String accessKey, String secretKey, List<String> corsOrigins) throws IOException {
        var jar = System.getProperty(JAR_PROPERTY);
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("The S3 server's jar is not at " + JAR_PROPERTY + "=" + jar
                    + "; build the module with Maven, which copies it into target/s3proxy/");
        }
        Files.createDirectories(directory.resolve("data"));
        endPreviousChild(directory.resolve("s3proxy.pid"));
        int listenPort = port != 0 ? port : freePort();
        var endpoint = URI.create("http://127.0.0.1:" + listenPort);
        var settings = new Properties();
        settings.setProperty("s3proxy.endpoint", endpoint.toString());
        settings.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        settings.setProperty("s3proxy.identity", accessKey);
        settings.setProperty("s3proxy.credential", secretKey);
        settings.setProperty("s3proxy.cors-allow-origins", String.join(" ", corsOrigins));
        settings.setProperty("s3proxy.cors-allow-methods", "GET PUT POST HEAD");
        settings.setProperty("s3proxy.cors-allow-headers", "*");
        settings.setProperty("jclouds.provider", "filesystem");
        settings.setProperty(
                "jclouds.filesystem.basedir",
                directory.resolve("data").toAbsolutePath().toString());
        var settingsFile = directory.resolve("s3proxy.properties");
        try (var out = Files.newBufferedWriter(settingsFile, StandardCharsets.UTF_8)) {
            settings.store(out, "written by S3ServerProcess");
        }
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var process = new ProcessBuilder(
                        java, "-Xmx192m", "-XX:+UseSerialGC", "-jar", jar, "--properties", settingsFile.toString())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("s3proxy.log").toFile())
                .start();
        Files.writeString(directory.resolve("s3proxy.pid"), Long.toString(process.pid()));
        var server = new S3ServerProcess(process, endpoint, accessKey, secretKey);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "s3-server-stop"));
        server.awaitReady(directory.resolve("s3proxy.log"));
        log.info("S3 server (S3Proxy) is up on {} with data in {}", endpoint, directory);
        return server;
    }

    /** The server's base URL, e.g. {@code http://127.0.0.1:9000}. */
    public URI endpoint() {
        return endpoint;
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    /** Stops the child process. */
    @Override
    public void close() {
        process.destroy();
    }

    private void awaitReady(Path logFile) throws IOException {
        var deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The S3 server exited at start: " + tail(logFile));
            }
            try {
                var connection = (HttpURLConnection) endpoint.toURL().openConnection();
                connection.setConnectTimeout(500);
                connection.setReadTimeout(2000);
                connection.getResponseCode();
                connection.disconnect();
                return;
            } catch (IOException notYet) {
                sleep();
            }
        }
        process.destroy();
        throw new IllegalStateException("The S3 server did not answer within " + START_TIMEOUT + ": " + tail(logFile));
    }

    /** Ends the child a previous JVM left running (killed before its shutdown hook ran), found by its pid file. */
    private static void endPreviousChild(Path pidFile) throws IOException {
        if (!Files.exists(pidFile)) {
            return;
        }
        try {
            var pid = Long.parseLong(Files.readString(pidFile).strip());
            ProcessHandle.of(pid)
                    .filter(p -> p.info().commandLine().orElse("").contains("s3proxy"))
                    .ifPresent(p -> {
                        p.destroy();
                        p.onExit().join();
                    });
        } catch (NumberFormatException ignored) {
            // an unreadable pid file names no process
        }
        Files.deleteIfExists(pidFile);
    }

    private static String tail(Path logFile) throws IOException {
        var text = Files.exists(logFile) ? Files.readString(logFile) : "";
        return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
    }

    private static int freePort() {
        return FreePorts.next();
    }

    private static String randomKey(int bytes) {
        var key = new byte[bytes];
        RANDOM.nextBytes(key);
        return HexFormat.of().formatHex(key);
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the S3 server", e);
        }
    }
}
