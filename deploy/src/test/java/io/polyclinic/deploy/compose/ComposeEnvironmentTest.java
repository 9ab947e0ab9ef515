package io.polyclinic.deploy.compose;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.deploy.RepositoryFiles;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The environment compose.yaml gives each Polyclinic service names only properties that service defines (a
 * misspelled or foreign name would be silently ignored by Spring and leave a default in force), and secrets are never
 * written into the repository: they come from {@code deploy/compose/.env} through {@code ${...}}.
 */
class ComposeEnvironmentTest {

    /** Names outside Spring's property binding, each read by the code or image that is named. */
    private static final Map<String, List<String>> READ_DIRECTLY = Map.of(
            // the image's entrypoint (deploy/docker/Dockerfile)
            "JAVA_OPTS", List.of("*"),
            "JVM_FLAGS", List.of("*"),
            // libs/platform OtlpEndpointEnvironmentPostProcessor
            "OTEL_EXPORTER_OTLP_ENDPOINT", List.of("*"),
            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", List.of("*"),
            // booking's BookingCacheConfiguration
            "REDIS_URL", List.of("booking"));

    private static final Pattern SECRET_NAME =
            Pattern.compile(".*(PASSWORD|SECRET|JWKS|JAAS_CONFIG|CHAIN_KEY|PREVIOUSKEYS|REDIS_URL).*");

    private final ComposeFile compose = ComposeFile.load();

    @Test
    void everyServicesEnvironmentNamesPropertiesTheServiceDefines() {
        var services = compose.polyclinicServices();
        assertThat(services).containsKeys("gateway", "identity", "booking", "audit", "notifier");
        var unknown = new ArrayList<String>();
        services.forEach((service, module) -> {
            var catalog = PropertyCatalog.of(module);
            for (var file : compose.envFiles(service)) {
                for (var name : ComposeFile.readEnvFile(file).keySet()) {
                    if (!defines(catalog, module, name)) {
                        unknown.add(service + ": " + name + " (" + ComposeFile.DIRECTORY.relativize(file) + ")");
                    }
                }
            }
            for (var name : compose.environment(service).keySet()) {
                if (!defines(catalog, module, name)) {
                    unknown.add(service + ": " + name + " (compose.yaml)");
                }
            }
        });
        assertThat(unknown)
                .as("environment variables that set no property of their service")
                .isEmpty();
    }

    @Test
    void everyServiceWithAModuleInTheRepositoryIsCheckedAgainstItsOwnProperties() {
        var root = RepositoryFiles.root();
        compose.polyclinicServices().values().forEach(module -> {
            if (Files.exists(root.resolve("services").resolve(module).resolve("pom.xml"))) {
                assertThat(PropertyCatalog.hasModule(module))
                        .as(
                                "services/%s is not a dependency of deploy/pom.xml, so its own properties are unknown here",
                                module)
                        .isTrue();
            }
        });
    }

    @Test
    void aMisspelledOrForeignPropertyIsReported() {
        var booking = PropertyCatalog.of("booking");
        assertThat(booking.defines("POLYCLINIC_BOOKING_CACHE_ENABLED")).isTrue();
        assertThat(booking.defines("POLYCLINIC_BOOKING_CACHE_ENABLD")).isFalse();
        assertThat(booking.defines("POLYCLINIC_NOTIFIER_FROM")).isFalse();
        assertThat(PropertyCatalog.of("notifier").defines("POLYCLINIC_NOTIFIER_FROM"))
                .isTrue();
        assertThat(booking.defines("SPRING_DATASOURCE_PASSWORD")).isTrue();
        assertThat(booking.defines("SPRING_DATASOURCE_PASWORD")).isFalse();
    }

    @Test
    void bothOfSpringsEnvironmentFormsOfADashedNameAndMapKeysAreAccepted() {
        var identity = PropertyCatalog.of("identity");
        assertThat(identity.defines("POLYCLINIC_SERVICE_TOKENS_CLIENT_SECRET")).isTrue();
        assertThat(identity.defines("POLYCLINIC_SERVICETOKENS_CLIENTSECRET")).isTrue();
        assertThat(identity.defines("POLYCLINIC_IDENTITY_SERVICETOKENS_CLIENTS_BOOKING_SECRET"))
                .isTrue();
        assertThat(identity.defines("POLYCLINIC_IDENTITY_SERVICETOKENS_CLIENTS_BOOKING_SECRETT"))
                .isFalse();
        assertThat(identity.defines("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG")).isTrue();
        assertThat(identity.defines("POLYCLINIC_ADMIN_EMAIL")).isTrue();
    }

    @Test
    void secretsComeFromTheEnvironmentFileNeverFromTheRepository() {
        var literal = new ArrayList<String>();
        compose.polyclinicServices().keySet().forEach(service -> {
            compose.environment(service).forEach((name, value) -> {
                if (SECRET_NAME.matcher(name).matches() && !value.contains("${")) {
                    literal.add(service + ": " + name + " (compose.yaml)");
                }
            });
            for (var file : compose.envFiles(service)) {
                ComposeFile.readEnvFile(file).keySet().stream()
                        .filter(name -> SECRET_NAME.matcher(name).matches())
                        .forEach(name -> literal.add(service + ": " + name + " (" + file.getFileName() + ")"));
            }
        });
        assertThat(literal)
                .as("secrets written into the repository instead of ${...} from .env")
                .isEmpty();
    }

    private static boolean defines(PropertyCatalog catalog, String module, String name) {
        var readers = READ_DIRECTLY.get(name);
        if (readers != null) {
            return readers.contains("*") || readers.contains(module);
        }
        return catalog.defines(name);
    }
}
