package io.polyclinic.dev;

import io.polyclinic.audit.AuditApplication;
import io.polyclinic.booking.BookingApplication;
import io.polyclinic.collector.CollectorApplication;
import io.polyclinic.devdata.DemoDataInitializer;
import io.polyclinic.gateway.GatewayApplication;
import io.polyclinic.identity.IdentityApplication;
import io.polyclinic.ingest.IngestApplication;
import io.polyclinic.notifier.NotifierApplication;
import io.polyclinic.orders.OrdersApplication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;

/**
 * Runs one service as its own JVM against a running dev stack that was told to leave it out
 * ({@code POLYCLINIC_DEV_EXTERNAL=booking}), with the settings the stack wrote for it (see {@link ExternalServices}):
 * the stack's PostgreSQL, Kafka, AMQP and SMTP servers, identity's JWKS, the audit target, the same port the gateway
 * routes to, the import of the service's own {@code <service>-dev.properties}; booking also loads the demo data here. So one service can be restarted, killed or given its own heap cap while the rest keeps running:
 *
 * <pre>
 * ./mvnw -pl dev -am spring-boot:run -Ddev.main-class=io.polyclinic.dev.ServiceLauncher \
 *     -Dspring-boot.run.arguments=booking -Dspring-boot.run.jvmArguments=-Xmx256m
 * </pre>
 *
 * <p>Arguments: the service's name (one of {@link DevStackConfig#SERVICES}), then any further
 * {@code --property=value}, which win over the stack's. The data directory is {@code POLYCLINIC_DEV_VAR_DIR}
 * (default {@code ./var}), as for the stack. The notifier run this way sends to the stack's SMTP server, but its
 * {@code /dev/mail} page exists only inside the stack, which holds that server.
 */
public final class ServiceLauncher {

    private ServiceLauncher() {}

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("Usage: ServiceLauncher <" + String.join("|", DevStackConfig.SERVICES)
                    + "> [--property=value ...]");
            System.exit(2);
        }
        var service = args[0].toLowerCase(Locale.ROOT);
        var env = System.getenv("POLYCLINIC_DEV_VAR_DIR");
        var varDirectory = Path.of(env == null || env.isBlank() ? "var" : env.trim());
        var arguments = new ArrayList<>(ExternalServices.read(varDirectory, service));
        arguments.addAll(Arrays.asList(args).subList(1, args.length));
        new SpringApplicationBuilder(application(service))
                .properties(devDefaults(service, varDirectory.toAbsolutePath()))
                .initializers(initializers(service))
                .run(arguments.toArray(String[]::new));
    }

    /**
     * The application class of a service.
     *
     * @throws IllegalArgumentException for a name that is not one of {@link DevStackConfig#SERVICES}
     */
    static Class<?> application(String service) {
        return switch (service) {
            case "identity" -> IdentityApplication.class;
            case "booking" -> BookingApplication.class;
            case "audit" -> AuditApplication.class;
            case "notifier" -> NotifierApplication.class;
            case "orders" -> OrdersApplication.class;
            case "ingest" -> IngestApplication.class;
            case "analytics-collector" -> CollectorApplication.class;
            case "gateway" -> GatewayApplication.class;
            default ->
                throw new IllegalArgumentException(
                        "Unknown service " + service + " (known: " + DevStackConfig.SERVICES + ")");
        };
    }

    /** The defaults from the stack's data directory it gives the service at the lowest priority (see {@link DevStack}). */
    private static Map<String, Object> devDefaults(String service, Path varDirectory) {
        return switch (service) {
            case "audit" -> DevStack.auditDevDefaults(varDirectory);
            default -> Map.of();
        };
    }

    /** What the stack runs inside the service's context: booking's demo data. */
    private static ApplicationContextInitializer<?>[] initializers(String service) {
        return switch (service) {
            case "booking" -> new ApplicationContextInitializer<?>[] {new DemoDataInitializer()};
            default -> new ApplicationContextInitializer<?>[0];
        };
    }
}
