package io.polyclinic.platform.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Carries a trace across a gap that no instrumentation bridges: work stored now and done later on another thread,
 * such as an outbox row written in a request's transaction and sent to Kafka by the relay seconds later.
 *
 * <p>{@link #currentTraceparent()} captures the current span as a W3C {@code traceparent} string (store it with the
 * work); {@link #runWithParent} later runs code in a new span whose parent is that stored context, so that
 * everything observed inside it (a {@code KafkaTemplate} send, a gRPC call) continues the original trace. Without
 * tracing (no tracer, or tracing disabled) capture returns {@code null} and the code simply runs.
 */
public class TraceContextCarrier {

    /** The W3C Trace Context header name, also the key under which the string is produced and consumed. */
    public static final String TRACEPARENT = "traceparent";

    /** {@code version-traceid-spanid-flags}; version 00 is the only one defined, later ones must still parse. */
    private static final Pattern VALID = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

    private static final String INVALID_TRACE_ID = "0".repeat(32);

    private final Tracer tracer;
    private final Propagator propagator;

    /**
     * @param tracer the application's tracer ({@link Tracer#NOOP} when tracing is off)
     * @param propagator the application's propagator, producing W3C {@code traceparent}
     */
    public TraceContextCarrier(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /**
     * The current span as a W3C {@code traceparent}, e.g. {@code 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01}
     * (55 characters), or {@code null} when no span is current or tracing is off.
     */
    public @Nullable String currentTraceparent() {
        var span = tracer.currentSpan();
        if (span == null) {
            return null;
        }
        var headers = new HashMap<String, String>();
        propagator.inject(span.context(), headers, Map::put);
        var traceparent = headers.get(TRACEPARENT);
        return traceparent != null && VALID.matcher(traceparent).matches() ? traceparent : null;
    }

    /** The current trace id (32 lower-case hex digits), or {@code null} when no span is current or tracing is off. */
    public @Nullable String currentTraceId() {
        var span = tracer.currentSpan();
        if (span == null) {
            return null;
        }
        var traceId = span.context().traceId();
        return traceId == null || traceId.isEmpty() || INVALID_TRACE_ID.equals(traceId) ? null : traceId;
    }

    /**
     * Runs {@code action} in a new span named {@code spanName} whose parent is {@code traceparent}; the span is
     * current while the action runs and ends when it returns or throws (the error is recorded on the span and
     * rethrown).
     *
     * @param traceparent a W3C {@code traceparent} captured by {@link #currentTraceparent()}; {@code null} or a
     *     malformed value starts the span without a remote parent (a new trace, or a child of the current span)
     * @param spanName a low-cardinality name, e.g. {@code outbox relay}
     */
    public void runWithParent(@Nullable String traceparent, String spanName, Runnable action) {
        callWithParent(traceparent, spanName, () -> {
            action.run();
            return null;
        });
    }

    /** Like {@link #runWithParent}, returning what {@code action} returns. */
    public <T> T callWithParent(@Nullable String traceparent, String spanName, Supplier<T> action) {
        var span = startSpan(traceparent, spanName);
        try (var ignored = tracer.withSpan(span)) {
            return action.get();
        } catch (RuntimeException | Error e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }

    /**
     * Starts a span named {@code spanName} whose parent is {@code traceparent}, without making it current: for work
     * that serves several traces at once, such as one database write of audit records from different requests, where
     * each request's trace gets its own span around the shared work. The caller ends it.
     *
     * @return the started span, or {@code null} when {@code traceparent} is {@code null} or malformed (no trace to
     *     join)
     */
    public @Nullable Span startChild(@Nullable String traceparent, String spanName) {
        if (traceparent == null || !VALID.matcher(traceparent).matches()) {
            return null;
        }
        return startSpan(traceparent, spanName);
    }

    private Span startSpan(@Nullable String traceparent, String spanName) {
        if (traceparent == null || !VALID.matcher(traceparent).matches()) {
            return tracer.nextSpan().name(spanName).start();
        }
        var builder = propagator.extract(Map.of(TRACEPARENT, traceparent), Map::get);
        return builder.name(spanName).start();
    }
}
