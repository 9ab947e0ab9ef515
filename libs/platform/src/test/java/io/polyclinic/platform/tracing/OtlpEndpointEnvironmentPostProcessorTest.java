package io.polyclinic.platform.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Span export is off unless an endpoint is given, by Spring Boot's property or the standard OTEL variables. */
class OtlpEndpointEnvironmentPostProcessorTest {

    private static String endpointWith(Map<String, Object> variables) {
        var environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment
                .getPropertySources()
                .addFirst(new SystemEnvironmentPropertySource(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        new OtlpEndpointEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
        return environment.getProperty(OtlpEndpointEnvironmentPostProcessor.ENDPOINT);
    }

    @Test
    void nothingConfiguredLeavesExportOff() {
        assertThat(endpointWith(Map.of())).isNull();
        assertThat(endpointWith(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", " "))).isNull();
    }

    @Test
    void theCollectorBaseUrlGetsTheTracesPath() {
        assertThat(endpointWith(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://jaeger:4318/")))
                .isEqualTo("http://jaeger:4318/v1/traces");
    }

    @Test
    void aTracesEndpointIsUsedAsGiven() {
        assertThat(endpointWith(Map.of(
                        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://collector:4318/custom",
                        "OTEL_EXPORTER_OTLP_ENDPOINT", "http://other:4318")))
                .isEqualTo("http://collector:4318/custom");
    }

    @Test
    void springBootsOwnPropertyWins() {
        assertThat(endpointWith(Map.of(
                        "MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT", "http://boot:4318/v1/traces",
                        "OTEL_EXPORTER_OTLP_ENDPOINT", "http://other:4318")))
                .isEqualTo("http://boot:4318/v1/traces");
        assertThat(endpointWith(Map.of("MANAGEMENT_OTLP_TRACING_ENDPOINT", "http://legacy:4318/v1/traces")))
                .isEqualTo("http://legacy:4318/v1/traces");
    }
}
