package dev.scoring.runtime;

import java.util.HashMap;
import java.util.Map;

import dev.scoring.runtime.tracing.ScoringTracer;

/**
 * The CloudEvent extensions every reply carries, whichever way it leaves (an HTTP reply to a Broker, a
 * record on the results topic): the request's id as {@code correlationid}, the request's Kafka key as
 * {@code partitionkey} so the reply lands in the matching partition, and the current trace context as
 * {@code traceparent} so the consumer continues the trace.
 */
public final class ReplyExtensions {

    /** Extension attribute of a reply carrying the id of the event it answers. */
    public static final String CORRELATION_ID = "correlationid";
    /** Extension attribute a Knative KafkaSink uses as the key of the record it writes. */
    public static final String PARTITION_KEY = "partitionkey";

    private ReplyExtensions() {
    }

    /**
     * @param correlationId the id of the request event
     * @param partitionKey the request's Kafka record key, or {@code null} when it had none
     * @return a new mutable map, so a path can add its own extensions
     */
    public static Map<String, String> of(String correlationId, String partitionKey) {
        Map<String, String> extensions = new HashMap<>();
        extensions.put(CORRELATION_ID, correlationId);
        if (partitionKey != null) {
            extensions.put(PARTITION_KEY, partitionKey);
        }
        String traceparent = ScoringTracer.currentTraceparent();
        if (traceparent != null) {
            extensions.put(ScoringTracer.TRACEPARENT, traceparent);
        }
        return extensions;
    }
}
