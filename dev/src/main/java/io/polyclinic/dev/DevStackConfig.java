package io.polyclinic.dev;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How the dev stack runs. {@link #fromEnvironment} gives the defaults of {@code ./mvnw -pl dev -am spring-boot:run};
 * tests build one with a temporary directory and port 0 (any free port) everywhere.
 *
 * @param varDirectory where data lives between runs: {@code postgres/} (the database files), {@code keys/}
 *     (identity's signing key), {@code dev-admin-password} (default {@code ./var}, env {@code POLYCLINIC_DEV_VAR_DIR})
 * @param postgresPort embedded PostgreSQL's port on 127.0.0.1, 0 for any free port (default 54329, env
 *     {@code POLYCLINIC_DEV_POSTGRES_PORT}), away from a locally installed PostgreSQL's 5432
 * @param gatewayPort the gateway's port (default 8080, env {@code POLYCLINIC_DEV_GATEWAY_PORT}), 0 for any free port
 * @param identityPort identity's port (default 8081, env {@code POLYCLINIC_DEV_IDENTITY_PORT}), 0 for any free port
 * @param bookingPort booking's port (default 8082, env {@code POLYCLINIC_DEV_BOOKING_PORT}), 0 for any free port
 * @param adminEmail the first administrator (env {@code POLYCLINIC_ADMIN_EMAIL}, default
 *     {@code admin@polyclinic.local})
 * @param adminPassword its password (env {@code POLYCLINIC_ADMIN_PASSWORD}); {@code null} to use the one generated
 *     on the first run and kept in {@code <varDirectory>/dev-admin-password}
 * @param demoData whether booking gets the demo clinics, doctors and slots of the dev-data module (default {@code true})
 * @param demoDataScale which demo data set goes into an empty booking database: {@code small} (default) or
 *     {@code large} (100k doctors, 5M slots; env {@code POLYCLINIC_DEMO_DATA_SCALE})
 * @param corsAllowedOrigins origins the gateway allows (default the gateway itself and the web UI on 8090)
 * @param notifierPort the notifier's port (default 8084), 0 for any free port
 * @param kafkaPort the in-process Kafka broker's port on 127.0.0.1 (data in {@code <varDirectory>/kafka}), 0 for any
 *     free port (default 9092, env {@code POLYCLINIC_DEV_KAFKA_PORT})
 * @param externalKafka bootstrap servers of a Kafka cluster to use instead of the in-process broker (env
 *     {@code KAFKA_BOOTSTRAP_SERVERS}), or {@code null}
 * @param sqlCaptureDirectory for benchmarks only, normally null: booking writes the SQL of each request that carries
 *     the header {@code X-Polyclinic-Capture-Sql} into this directory as a pgbench script (env
 *     {@code POLYCLINIC_DEV_SQL_CAPTURE_DIR}; see {@link SqlCapture})
 * @param externalServices services the stack leaves out, to be run as their own JVM by {@link ServiceLauncher}
 *     against the stack's PostgreSQL, Kafka and brokers (env {@code POLYCLINIC_DEV_EXTERNAL}, a comma-separated
 *     subset of {@link #SERVICES}; default none)
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
        String demoDataScale,
        List<String> corsAllowedOrigins,
        int notifierPort,
        int kafkaPort,
        String externalKafka,
        Path sqlCaptureDirectory,
        Set<String> externalServices) {

    /** The services of the stack, by the names {@code POLYCLINIC_DEV_EXTERNAL} and {@link ServiceLauncher} take. */
    public static final List<String> SERVICES =
            List.of("identity", "booking", "audit", "notifier", "orders", "ingest", "analytics-collector", "gateway");

    public static final int DEFAULT_POSTGRES_PORT = 54329;
    public static final int DEFAULT_KAFKA_PORT = 9092;
    public static final String DEFAULT_ADMIN_EMAIL = "admin@polyclinic.local";

    public DevStackConfig {
        corsAllowedOrigins = List.copyOf(corsAllowedOrigins);
        externalServices = Set.copyOf(externalServices);
        for (var name : externalServices) {
            if (!SERVICES.contains(name)) {
                throw new IllegalArgumentException(
                        "POLYCLINIC_DEV_EXTERNAL names an unknown service: " + name + " (known: " + SERVICES + ")");
            }
        }
    }

    /** This configuration with {@code services} left out of the stack, to be run as their own JVM. */
    public DevStackConfig withExternalServices(Set<String> services) {
        return new DevStackConfig(
                varDirectory,
                postgresPort,
                gatewayPort,
                identityPort,
                bookingPort,
                adminEmail,
                adminPassword,
                demoData,
                demoDataScale,
                corsAllowedOrigins,
                notifierPort,
                kafkaPort,
                externalKafka,
                sqlCaptureDirectory,
                services);
    }

    /** Whether the stack leaves {@code service} out (see {@link #externalServices}). */
    public boolean isExternal(String service) {
        return externalServices.contains(service);
    }

    /**
     * The defaults, overridden by {@code POLYCLINIC_DEV_*} (data directory, ports, SQL capture),
     * {@code POLYCLINIC_DEMO_DATA_SCALE}, {@code POLYCLINIC_ADMIN_*} and {@code KAFKA_BOOTSTRAP_SERVERS}.
     *
     * @throws IllegalArgumentException when a port is not a number or the scale is neither small nor large
     */
    public static DevStackConfig fromEnvironment(Map<String, String> env) {
        var externalKafka = env.get("KAFKA_BOOTSTRAP_SERVERS");
        var adminEmail = env.get("POLYCLINIC_ADMIN_EMAIL");
        var adminPassword = env.get("POLYCLINIC_ADMIN_PASSWORD");
        var gatewayPort = port(env, "POLYCLINIC_DEV_GATEWAY_PORT", 8080);
        var scale = value(env, "POLYCLINIC_DEMO_DATA_SCALE", "small").toLowerCase(Locale.ROOT);
        if (!scale.equals("small") && !scale.equals("large")) {
            throw new IllegalArgumentException("POLYCLINIC_DEMO_DATA_SCALE must be small or large, not " + scale);
        }
        var capture = env.get("POLYCLINIC_DEV_SQL_CAPTURE_DIR");
        return new DevStackConfig(
                Path.of(value(env, "POLYCLINIC_DEV_VAR_DIR", "var")),
                port(env, "POLYCLINIC_DEV_POSTGRES_PORT", DEFAULT_POSTGRES_PORT),
                gatewayPort,
                port(env, "POLYCLINIC_DEV_IDENTITY_PORT", 8081),
                port(env, "POLYCLINIC_DEV_BOOKING_PORT", 8082),
                adminEmail == null || adminEmail.isBlank() ? DEFAULT_ADMIN_EMAIL : adminEmail,
                adminPassword == null || adminPassword.isBlank() ? null : adminPassword,
                true,
                scale,
                List.of("http://localhost:" + gatewayPort, "http://localhost:8090"),
                port(env, "POLYCLINIC_DEV_NOTIFIER_PORT", 8084),
                port(env, "POLYCLINIC_DEV_KAFKA_PORT", DEFAULT_KAFKA_PORT),
                externalKafka == null || externalKafka.isBlank() ? null : externalKafka.trim(),
                capture == null || capture.isBlank() ? null : Path.of(capture.trim()),
                serviceNames(value(env, "POLYCLINIC_DEV_EXTERNAL", "")));
    }

    private static Set<String> serviceNames(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(","))
                .map(name -> name.trim().toLowerCase(Locale.ROOT))
                .filter(name -> !name.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    private static String value(Map<String, String> env, String name, String fallback) {
        var value = env.get(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        var value = value(env, name, String.valueOf(fallback));
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number, not " + value, e);
        }
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
                "small",
                List.of("http://localhost:8090"),
                0,
                0,
                null,
                null,
                Set.of());
    }
}
