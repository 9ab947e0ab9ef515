package io.polyclinic.audit;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.test.context.TestComponent;

/**
 * The spans the audit service ends, as the OpenTelemetry SDK hands them to its exporters (Spring Boot adds every
 * {@link SpanProcessor} bean to the tracer provider): what a collector behind the OTLP endpoint would receive.
 */
@TestComponent
public class RecordedSpans implements SpanProcessor {

    private final List<SpanData> ended = new CopyOnWriteArrayList<>();

    /** The ended spans with this name, in the order they ended. */
    public List<SpanData> named(String name) {
        return ended.stream().filter(span -> span.getName().equals(name)).toList();
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {}

    @Override
    public boolean isStartRequired() {
        return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
        ended.add(span.toSpanData());
    }

    @Override
    public boolean isEndRequired() {
        return true;
    }
}
