package dev.scoring.runtime.tracing;

import java.util.Map;
import java.util.function.Supplier;

import jakarta.inject.Singleton;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * One span per scoring request, {@code score <model>}, with the model's name and version, the
 * channel and the number of rows as attributes. Its parent is the trace the request belongs to:
 * the HTTP {@code traceparent} header (already extracted by Quarkus' HTTP instrumentation) or, for
 * events, the CloudEvents distributed-tracing extension {@code traceparent}, which is how trace
 * context rides through Knative Brokers and Kafka. The reply event carries the span's own context
 * in its {@code traceparent} extension, so the consumer continues the same trace.
 */
@Singleton
public class ScoringTracer {

    public static final String TRACEPARENT = "traceparent";

    private final Tracer tracer;
    private final OpenTelemetry openTelemetry;

    ScoringTracer(OpenTelemetry openTelemetry) {
        this.openTelemetry = openTelemetry;
        this.tracer = openTelemetry.getTracer("dev.scoring");
    }

    /**
     * Runs {@code work} in a {@code score <model>} span whose parent is the event's {@code traceparent}
     * when it has one, else the current context.
     */
    public <T> T inSpan(String name, String eventTraceparent, Map<String, String> attributes, Supplier<T> work) {
        Context current = Context.current();
        Context parent = current;
        if (eventTraceparent != null && !Span.fromContext(parent).getSpanContext().isValid()) {
            parent = fromTraceparent(eventTraceparent);
        } else if (eventTraceparent != null) {
            Context fromEvent = fromTraceparent(eventTraceparent);
            // An event's own trace wins over the hop that delivered it (a Broker may start a new one).
            if (Span.fromContext(fromEvent).getSpanContext().isValid()) {
                parent = fromEvent;
            }
        }
        Span span = tracer.spanBuilder(name).setParent(parent).setSpanKind(SpanKind.SERVER).startSpan();
        if (!span.isRecording() && parent == current) {
            // Not sampled, and its trace is the current one already: making it current would only swap
            // one unsampled span id for another (and rewrite the log MDC twice), for nobody to see.
            return work.get();
        }
        attributes.forEach(span::setAttribute);
        try (Scope scope = span.makeCurrent()) {
            return work.get();
        } catch (RuntimeException e) {
            span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            throw e;
        } finally {
            span.end();
        }
    }

    /** The current span's context as a W3C {@code traceparent} value, or {@code null} when there is none. */
    public static String currentTraceparent() {
        SpanContext context = Span.current().getSpanContext();
        if (!context.isValid()) {
            return null;
        }
        return "00-" + context.getTraceId() + "-" + context.getSpanId() + "-" + context.getTraceFlags().asHex();
    }

    private Context fromTraceparent(String traceparent) {
        return openTelemetry.getPropagators().getTextMapPropagator().extract(Context.root(),
                Map.of(TRACEPARENT, traceparent), GETTER);
    }

    private static final TextMapGetter<Map<String, String>> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };
}
