package io.polyclinic.dev;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How the dev stack runs. {@link #fromEnvironment} gives the defaults of {@code ./mvnw -pl dev -am spring-boot:run};
 * tests build one with a temporary directory and port 0 (any free port) everywhere.
 *
 * @param varDirectory where data lives between runs: {@code postgres/} (the database files), {@code keys/}
 *     (identity's signing key), {@code dev-admin-password} (default {@code ./var})
 * @param postgresPort embedded PostgreSQL's port on 127.0.0.1, 0 for any free port (default 54329, env
 *     {@code POLYCLINIC_DEV_POSTGRES_PORT}), away from a locally installed PostgreSQL's 5432
 * @param gatewayPort the gateway's port (default 8080), 0 for any free port
 * @param identityPort identity's port (default 8081), 0 for any free port
 * @param bookingPort booking's port (default 8082), 0 for any free port
 * @param adminEmail the first administrator (env {@code POLYCLINIC_ADMIN_EMAIL}, default
 *     {@code admin@polyclinic.local})
 * @param adminPassword its password (env {@code POLYCLINIC_ADMIN_PASSWORD}); {@code null} to use the one generated
 *     on the first run and kept in {@code <varDirectory>/dev-admin-password}
 * @param demoData whether booking loads its demo clinics, doctors and slots (default {@code true})
 * @param corsAllowedOrigins origins the gateway allows (default the gateway itself and the web UI on 8090)
 * @param notifierPort the notifier's port (default 8084), 0 for any free port
 * @param kafkaPort the in-process Kafka broker's port on 127.0.0.1 (data in {@code <varDirectory>/kafka}), 0 for any
 *     free port (default 9092, env {@code POLYCLINIC_DEV_KAFKA_PORT})
 * @param externalKafka bootstrap servers of a Kafka cluster to use instead of the in-process broker (env
 *     {@code KAFKA_BOOTSTRAP_SERVERS}), or {@code null}
 */
public record DevStackConfig(
        Path varDirectory,
        int postgresPort,
        int gatewayPort,
        int identityPort,
        int bookingPort,
        String adminEmail,
        String adminPassword,
        boolean demoData,
        List<String> corsAllowedOrigins,
        int notifierPort,
        int kafkaPort,
        String externalKafka) {

    public static final int DEFAULT_POSTGRES_PORT = 54329;
    public static final int DEFAULT_KAFKA_PORT = 9092;
    public static final String DEFAULT_ADMIN_EMAIL = "admin@polyclinic.local";

    public DevStackConfig {
        corsAllowedOrigins = List.copyOf(corsAllowedOrigins);
    }

    /**
     * The defaults, overridden by {@code POLYCLINIC_DEV_POSTGRES_PORT}, {@code POLYCLINIC_ADMIN_*},
     * {@code POLYCLINIC_DEV_KAFKA_PORT} and {@code KAFKA_BOOTSTRAP_SERVERS}.
     */
    public static DevStackConfig fromEnvironment(Map<String, String> env) {
        var kafkaPort = env.get("POLYCLINIC_DEV_KAFKA_PORT");
        var externalKafka = env.get("KAFKA_BOOTSTRAP_SERVERS");
        var postgresPort = env.get("POLYCLINIC_DEV_POSTGRES_PORT");
        var adminEmail = env.get("POLYCLINIC_ADMIN_EMAIL");
        var adminPassword = env.get("POLYCLINIC_ADMIN_PASSWORD");
        return new DevStackConfig(
                Path.of("var"),
                postgresPort == null || postgresPort.isBlank()
                        ? DEFAULT_POSTGRES_PORT
                        : Integer.parseInt(postgresPort.trim()),
                8080,
                8081,
                8082,
                adminEmail == null || adminEmail.isBlank() ? DEFAULT_ADMIN_EMAIL : adminEmail,
                adminPassword == null || adminPassword.isBlank() ? null : adminPassword,
                true,
                List.of("http://localhost:8080", "http://localhost:8090"),
                8084,
                kafkaPort == null || kafkaPort.isBlank() ? DEFAULT_KAFKA_PORT : Integer.parseInt(kafkaPort.trim()),
                externalKafka == null || externalKafka.isBlank() ? null : externalKafka.trim());
    }

    /** The same settings in another data directory with every port chosen by the system; for tests. */
    public static DevStackConfig ephemeral(Path varDirectory) {
        return new DevStackConfig(
                varDirectory,
                0,
                0,
                0,
                0,
                DEFAULT_ADMIN_EMAIL,
                null,
                true,
                List.of("http://localhost:8090"),
                0,
                0,
                null);
    }
}
