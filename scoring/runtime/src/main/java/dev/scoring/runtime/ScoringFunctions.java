package dev.scoring.runtime;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.scoring.runtime.tracing.ScoringTracer;
import io.quarkus.funqy.Funq;
import io.quarkus.funqy.knative.events.CloudEvent;
import io.quarkus.funqy.knative.events.CloudEventBuilder;

/**
 * The Funqy functions every scoring function exposes.
 * <ul>
 * <li>{@code predict}: plain JSON over HTTP, {@code POST /predict}</li>
 * <li>{@code score}: a CloudEvent of type {@code scoring.events.request-type}, binary or structured mode</li>
 * <li>{@code scoreKafkaRecord}: a Kafka record as Knative's KafkaSource delivers it
 * ({@code dev.knative.kafka.event}, the record value as data, often without a content type)</li>
 * <li>{@code explain}: one row over HTTP, {@code POST /explain}: the prediction and its explanation</li>
 * <li>{@code explainEvent}: the same for a CloudEvent of type {@code scoring.events.explain-type}</li>
 * </ul>
 * The event functions reply with a CloudEvent ({@code scoring.events.response-type}, or
 * {@code explanation-type} for explanations) whose {@code correlationid} extension is the request
 * event's id.
 * <p>
 * Event data is taken as bytes and parsed here rather than by Funqy: Funqy can only decode data
 * whose content type says JSON, and KafkaSource often sends none.
 */
public class ScoringFunctions {

    /** Extension attribute of a reply carrying the id of the event it answers. */
    public static final String CORRELATION_ID = "correlationid";
    /** Extension attribute KafkaSource sets to the record key. */
    public static final String KAFKA_KEY = "key";
    /** Extension attribute a Knative KafkaSink uses as the key of the record it writes. */
    public static final String PARTITION_KEY = "partitionkey";

    @Inject
    ScoringService service;

    @Inject
    ScoringConfig config;

    @Inject
    ObjectMapper mapper;

    @Inject
    ScoringTracer tracer;

    @ConfigProperty(name = "quarkus.application.name")
    String functionName;

    private String spanName;

    @PostConstruct
    void init() {
        spanName = "score " + functionName;
    }

    @Funq("predict")
    public Object predict(JsonNode body) {
        return traced(null, Channel.HTTP, () -> service.score(body, Channel.HTTP));
    }

    @Funq("explain")
    public Object explain(JsonNode body) {
        return traced(null, Channel.HTTP, () -> service.explain(body, Channel.HTTP));
    }

    @Funq("explainEvent")
    public CloudEvent<Object> explainEvent(CloudEvent<byte[]> event) {
        return traced(event, Channel.CLOUDEVENT, () -> reply(event,
                service.explain(parseData(event), Channel.CLOUDEVENT), Map.of(), config.events().explanationType()));
    }

    @Funq("score")
    public CloudEvent<Object> score(CloudEvent<byte[]> event) {
        return traced(event, Channel.CLOUDEVENT, () -> reply(event,
                service.score(parseData(event), Channel.CLOUDEVENT), Map.of(), config.events().responseType()));
    }

    @Funq("scoreKafkaRecord")
    public CloudEvent<Object> scoreKafkaRecord(CloudEvent<byte[]> event) {
        return traced(event, Channel.KAFKA, () -> {
            Object result = service.score(parseData(event), Channel.KAFKA);
            String key = event.extensions() == null ? null : event.extensions().get(KAFKA_KEY);
            // The scored record keeps the input record's key, so it lands in the matching partition.
            return reply(event, result, key == null ? Map.of() : Map.of(PARTITION_KEY, key),
                    config.events().responseType());
        });
    }

    private <T> T traced(CloudEvent<byte[]> event, Channel channel, java.util.function.Supplier<T> work) {
        if (event == null) {
            return tracer.inSpan(spanName, null, Map.of("scoring.function", functionName,
                    "scoring.channel", channel.tag()), work);
        }
        String traceparent = event.extensions() == null ? null : event.extensions().get(ScoringTracer.TRACEPARENT);
        return tracer.inSpan(spanName, traceparent, Map.of("scoring.function", functionName,
                "scoring.channel", channel.tag(), "cloudevents.event_id", String.valueOf(event.id()),
                "cloudevents.event_type", String.valueOf(event.type())), work);
    }

    private JsonNode parseData(CloudEvent<byte[]> event) {
        byte[] data = event.data();
        if (data == null || data.length == 0) {
            throw ScoringException.badRequest("invalid_event_data", "data", "the event carries no data to score");
        }
        try {
            return mapper.readTree(data);
        } catch (IOException e) {
            throw ScoringException.badRequest("invalid_event_data", "data",
                    "the event data is not JSON: " + JsonErrors.describe(e));
        }
    }

    private CloudEvent<Object> reply(CloudEvent<byte[]> request, Object result, Map<String, String> extra,
            String type) {
        Map<String, String> extensions = new HashMap<>(extra);
        extensions.put(CORRELATION_ID, request.id());
        String traceparent = ScoringTracer.currentTraceparent();
        if (traceparent != null) {
            extensions.put(ScoringTracer.TRACEPARENT, traceparent); // the consumer continues this trace
        }
        return CloudEventBuilder.create()
                .type(type)
                .source(config.events().responseSource())
                .subject(request.subject())
                .extensions(extensions)
                .build(result);
    }
}
