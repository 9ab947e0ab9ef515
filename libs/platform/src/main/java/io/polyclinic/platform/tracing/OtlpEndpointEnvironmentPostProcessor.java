package io.polyclinic.platform.tracing;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Lets the standard OpenTelemetry variables switch span export on (decision 0022). Spring Boot exports spans only
 * when {@code management.opentelemetry.tracing.export.otlp.endpoint} is set; when it is not, this takes, in order:
 * the Boot 3 name {@code management.otlp.tracing.endpoint} (still what most guides say),
 * {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} (used as is) and {@code OTEL_EXPORTER_OTLP_ENDPOINT} (the collector's
 * base URL, to which {@code /v1/traces} is appended as the OpenTelemetry specification says for HTTP). Only OTLP over
 * HTTP (port 4318) is supported: no gRPC sender is on the classpath.
 */
public class OtlpEndpointEnvironmentPostProcessor implements EnvironmentPostProcessor {

    /** The property Spring Boot 4 reads; when set, spans are exported there. */
    static final String ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";

    static final String LEGACY_ENDPOINT = "management.otlp.tracing.endpoint";
    static final String OTEL_TRACES_ENDPOINT = "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT";
    static final String OTEL_ENDPOINT = "OTEL_EXPORTER_OTLP_ENDPOINT";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (hasText(environment.getProperty(ENDPOINT))) {
            return;
        }
        var endpoint = environment.getProperty(LEGACY_ENDPOINT);
        if (!hasText(endpoint)) {
            endpoint = environment.getProperty(OTEL_TRACES_ENDPOINT);
        }
        if (!hasText(endpoint)) {
            var base = environment.getProperty(OTEL_ENDPOINT);
            endpoint = hasText(base) ? base.strip().replaceAll("/+$", "") + "/v1/traces" : null;
        }
        if (hasText(endpoint)) {
            environment
                    .getPropertySources()
                    .addLast(new MapPropertySource("polyclinicOtlpEndpoint", Map.of(ENDPOINT, endpoint.strip())));
        }
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
