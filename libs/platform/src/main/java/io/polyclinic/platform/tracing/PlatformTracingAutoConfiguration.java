package io.polyclinic.platform.tracing;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Tracing helpers every service gets (decision 0022). Spring Boot itself sets up the tracer (Micrometer Tracing over
 * the OpenTelemetry SDK), W3C {@code traceparent} propagation, observed HTTP server and clients, and OTLP export when
 * an endpoint is configured; this adds the {@link TraceContextCarrier} for work that crosses threads later (the
 * outbox relay).
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration",
            "org.springframework.boot.micrometer.tracing.autoconfigure.NoopTracerAutoConfiguration"
        })
public class PlatformTracingAutoConfiguration {

    /** Uses the application's tracer and propagator; without them (tracing off) it captures nothing. */
    @Bean
    @ConditionalOnMissingBean
    TraceContextCarrier traceContextCarrier(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new TraceContextCarrier(
                tracer.getIfAvailable(() -> Tracer.NOOP), propagator.getIfAvailable(() -> Propagator.NOOP));
    }
}
