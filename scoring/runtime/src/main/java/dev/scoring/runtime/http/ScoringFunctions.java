package dev.scoring.runtime.http;

import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.scoring.runtime.Channel;
import dev.scoring.runtime.EventTypesConfig;
import dev.scoring.runtime.JsonInput;
import dev.scoring.runtime.ReplyExtensions;
import dev.scoring.runtime.ScoringService;
import dev.scoring.runtime.explain.ExplainedScore;
import dev.scoring.runtime.tracing.ScoringTracer;

import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.data.PojoCloudEventData;
import io.cloudevents.jackson.JsonCloudEventData;
import io.opentelemetry.context.Context;
import io.quarkus.funqy.Funq;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The Funqy functions every scoring function exposes, answered by the extension's HTTP binding
 * ({@link FunctionRouteHandler}).
 * <ul>
 * <li>{@code predict}: plain JSON over HTTP, {@code POST /predict}</li>
 * <li>{@code explain}: one row over HTTP, {@code POST /explain}: the prediction and its explanation</li>
 * <li>{@code score}: a CloudEvent of type {@code scoring.events.request-type}, binary or structured mode</li>
 * <li>{@code scoreKafkaRecord}: a Kafka record as Knative's KafkaSource delivers it
 * ({@code dev.knative.kafka.event}, the record value as data, often without a content type)</li>
 * <li>{@code explainEvent}: the same as {@code explain} for a CloudEvent of type
 * {@code scoring.events.explain-type}</li>
 * </ul>
 * Events are CloudEvents SDK events, routed to their function by type
 * ({@code quarkus.funqy.knative-events.mapping.<function>.trigger}). Each event function replies with a
 * CloudEvent ({@code scoring.events.response-type}, or {@code explanation-type} for explanations) whose
 * {@code correlationid} extension is the request event's id.
 * <p>
 * Threading: a prediction is a few microseconds of CPU and never blocks, so it runs on the event loop
 * that read the request. An explanation can take up to {@code scoring.explain.timeout}: those functions
 * return a {@link Uni} that runs on a worker thread.
 */
@Singleton
public class ScoringFunctions {

    /** Extension attribute KafkaSource sets to the record key. */
    public static final String KAFKA_KEY = "key";
    private static final String JSON = "application/json";

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
    private URI replySource;

    @PostConstruct
    void init() {
        spanName = "score " + functionName;
        replySource = URI.create(events.responseSource());
    }

    @Funq("predict")
    public Object predict(JsonNode body) {
        return traced(null, Channel.HTTP, () -> service.score(body, Channel.HTTP));
    }

    @Funq("explain")
    public Uni<ExplainedScore> explain(JsonNode body) {
        return onWorker(() -> traced(null, Channel.HTTP, () -> service.explain(body, Channel.HTTP)));
    }

    @Funq("score")
    public CloudEvent score(CloudEvent event) {
        return traced(event, Channel.CLOUDEVENT, () -> reply(event,
                service.score(dataOf(event), Channel.CLOUDEVENT), null, events.responseType()));
    }

    @Funq("scoreKafkaRecord")
    public CloudEvent scoreKafkaRecord(CloudEvent event) {
        return traced(event, Channel.KAFKA, () -> {
            Object result = service.score(dataOf(event), Channel.KAFKA);
            Object key = event.getExtension(KAFKA_KEY);
            // The scored record keeps the input record's key, so it lands in the matching partition.
            return reply(event, result, key == null ? null : key.toString(), events.responseType());
        });
    }

    @Funq("explainEvent")
    public Uni<CloudEvent> explainEvent(CloudEvent event) {
        return onWorker(() -> traced(event, Channel.CLOUDEVENT, () -> reply(event,
                service.explain(dataOf(event), Channel.CLOUDEVENT), null, events.explanationType())));
    }

    /**
     * The event's data as JSON: a structured-mode event's data is already a tree (parsed with the event);
     * a binary-mode event's data is the body, parsed here whatever its content type says, because
     * KafkaSource often sends none.
     */
    private JsonNode dataOf(CloudEvent event) {
        CloudEventData data = event.getData();
        if (data instanceof JsonCloudEventData json && json.getNode() != null) {
            return json.getNode();
        }
        return JsonInput.EVENT_DATA.read(mapper, data == null ? null : data.toBytes());
    }

    /** Runs work on a worker thread, in the caller's trace context. */
    private static <T> Uni<T> onWorker(Supplier<T> work) {
        Executor worker = Context.current().wrap(Infrastructure.getDefaultWorkerPool());
        return Uni.createFrom().item(work).runSubscriptionOn(worker);
    }

    private <T> T traced(CloudEvent event, Channel channel, Supplier<T> work) {
        if (event == null) {
            return tracer.inSpan(spanName, null, Map.of("scoring.function", functionName,
                    "scoring.channel", channel.tag()), work);
        }
        Object traceparent = event.getExtension(ScoringTracer.TRACEPARENT);
        return tracer.inSpan(spanName, traceparent == null ? null : traceparent.toString(), Map.of(
                "scoring.function", functionName, "scoring.channel", channel.tag(),
                "cloudevents.event_id", event.getId(), "cloudevents.event_type", event.getType()), work);
    }

    /** The reply: same spec version and subject as the request, a new id, the result as JSON data. */
    private CloudEvent reply(CloudEvent request, Object result, String partitionKey, String type) {
        CloudEventBuilder reply = CloudEventBuilder.fromSpecVersion(request.getSpecVersion())
                .withId(UUID.randomUUID().toString())
                .withSource(replySource)
                .withType(type)
                .withSubject(request.getSubject())
                .withDataContentType(JSON)
                .withData(PojoCloudEventData.wrap(result, mapper::writeValueAsBytes));
        ReplyExtensions.of(request.getId(), partitionKey).forEach(reply::withExtension);
        return reply.build();
    }
}
