package dev.scoring.runtime.http;

import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.scoring.runtime.Channel;
import dev.scoring.runtime.EventTypesConfig;
import dev.scoring.runtime.JsonInput;
import dev.scoring.runtime.ReplyExtensions;
import dev.scoring.runtime.ScoringService;
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

    /** Extension attribute KafkaSource sets to the record key. */
    public static final String KAFKA_KEY = "key";

    @Inject
    ScoringService service;

    @Inject
    EventTypesConfig events;

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
                service.explain(JsonInput.EVENT_DATA.read(mapper, event.data()), Channel.CLOUDEVENT), null, events.explanationType()));
    }

    @Funq("score")
    public CloudEvent<Object> score(CloudEvent<byte[]> event) {
        return traced(event, Channel.CLOUDEVENT, () -> reply(event,
                service.score(JsonInput.EVENT_DATA.read(mapper, event.data()), Channel.CLOUDEVENT), null, events.responseType()));
    }

    @Funq("scoreKafkaRecord")
    public CloudEvent<Object> scoreKafkaRecord(CloudEvent<byte[]> event) {
        return traced(event, Channel.KAFKA, () -> {
            Object result = service.score(JsonInput.EVENT_DATA.read(mapper, event.data()), Channel.KAFKA);
            String key = event.extensions() == null ? null : event.extensions().get(KAFKA_KEY);
            // The scored record keeps the input record's key, so it lands in the matching partition.
            return reply(event, result, key, events.responseType());
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

    private CloudEvent<Object> reply(CloudEvent<byte[]> request, Object result, String partitionKey, String type) {
        return CloudEventBuilder.create()
                .type(type)
                .source(events.responseSource())
                .subject(request.subject())
                .extensions(ReplyExtensions.of(request.id(), partitionKey))
                .build(result);
    }
}
