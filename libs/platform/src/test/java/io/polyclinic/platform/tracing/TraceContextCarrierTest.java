package io.polyclinic.platform.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.micrometer.tracing.propagation.Propagator;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Capturing a trace as a {@code traceparent} string and continuing it later, on another thread, as the relay does. */
class TraceContextCarrierTest {

    private final SdkTracerProvider provider =
            SdkTracerProvider.builder().setSampler(Sampler.alwaysOn()).build();
    private final io.opentelemetry.api.trace.Tracer otelTracer = provider.get("test");
    private final Tracer tracer = new OtelTracer(otelTracer, new OtelCurrentTraceContext(), event -> {});
    private final Propagator propagator =
            new OtelPropagator(ContextPropagators.create(W3CTraceContextPropagator.getInstance()), otelTracer);
    private final TraceContextCarrier carrier = new TraceContextCarrier(tracer, propagator);

    @AfterEach
    void closeProvider() {
        provider.close();
    }

    @Test
    void theCurrentSpanIsCapturedAsAW3cTraceparent() {
        var span = tracer.nextSpan().name("request").start();
        try (var ignored = tracer.withSpan(span)) {
            assertThat(carrier.currentTraceparent())
                    .isEqualTo("00-" + span.context().traceId() + "-"
                            + span.context().spanId() + "-01");
            assertThat(carrier.currentTraceId()).isEqualTo(span.context().traceId());
        } finally {
            span.end();
        }
    }

    @Test
    void withoutACurrentSpanNothingIsCaptured() {
        assertThat(carrier.currentTraceparent()).isNull();
        assertThat(carrier.currentTraceId()).isNull();
    }

    @Test
    void codeRunLaterOnAnotherThreadContinuesTheCapturedTraceAsAChildSpan() throws Exception {
        var request = tracer.nextSpan().name("request").start();
        String traceparent;
        try (var ignored = tracer.withSpan(request)) {
            traceparent = carrier.currentTraceparent();
        } finally {
            request.end();
        }

        var seenTraceId = new AtomicReference<String>();
        var seenParentId = new AtomicReference<String>();
        var seenAfter = new AtomicReference<String>("unset");
        try (var relay = Executors.newSingleThreadExecutor()) {
            relay.submit(() -> {
                        carrier.runWithParent(traceparent, "outbox relay", () -> {
                            var current = tracer.currentSpan();
                            seenTraceId.set(current.context().traceId());
                            seenParentId.set(current.context().parentId());
                        });
                        seenAfter.set(carrier.currentTraceparent());
                    })
                    .get();
        }

        assertThat(seenTraceId.get()).isEqualTo(request.context().traceId());
        assertThat(seenParentId.get()).isEqualTo(request.context().spanId());
        assertThat(seenAfter.get()).as("no span is left current after the run").isNull();
    }

    @Test
    void aMissingOrMalformedTraceparentStartsANewTraceAndStillRunsTheCode() {
        for (var traceparent : new String[] {null, "", "garbage", "00-" + "0".repeat(32) + "-00f067aa0ba902b7-01"}) {
            var traceId = carrier.callWithParent(traceparent, "outbox relay", carrier::currentTraceId);

            assertThat(traceId).as(String.valueOf(traceparent)).matches("[0-9a-f]{32}");
        }
    }

    @Test
    void aFailureInsideIsRethrownAndTheSpanClosed() {
        var traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

        assertThatThrownBy(() -> carrier.runWithParent(traceparent, "outbox relay", () -> {
                    throw new IllegalStateException("broker down");
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("broker down");
        assertThat(carrier.currentTraceparent()).isNull();
    }

    @Test
    void withTracingOffNothingIsCapturedAndCodeStillRuns() {
        var off = new TraceContextCarrier(Tracer.NOOP, Propagator.NOOP);

        assertThat(off.currentTraceparent()).isNull();
        assertThat(off.callWithParent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "x", () -> 42))
                .isEqualTo(42);
    }
}
