package dev.scoring.runtime.kafka;

import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.Outgoing;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.scoring.runtime.Channel;
import dev.scoring.runtime.EventTypesConfig;
import dev.scoring.runtime.JsonInput;
import dev.scoring.runtime.Refusal;
import dev.scoring.runtime.ReplyExtensions;
import dev.scoring.runtime.ScoringConfig;
import dev.scoring.runtime.ScoringException;
import dev.scoring.runtime.ScoringService;
import dev.scoring.runtime.ServedModel;
import dev.scoring.runtime.metrics.ScoringMetrics;
import dev.scoring.runtime.tracing.ScoringTracer;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * The direct Kafka path: the function consumes its input topics itself and writes each scored event to
 * the results topic as a CloudEvent (Kafka binary binding), for clusters without Knative Eventing or
 * scaled by KEDA on consumer lag. Off unless {@code scoring.kafka.enabled=true}.
 * <p>
 * Delivery is at least once: the input record is acknowledged, and so its offset committed (SmallRye's
 * throttled commit strategy commits only offsets below the oldest unacknowledged record), only when the
 * broker has acknowledged the scored record or the dead-letter record. A redelivered request yields a
 * scored event with the same id and {@code correlationid}, so consumers can drop duplicates. Records are
 * handled one after another in offset order and keep their key, so order per key is kept.
 * <p>
 * Poison records (not JSON, refused by validation, an unexpected event type) are nacked: SmallRye's
 * dead-letter-queue strategy writes them to the dead-letter topic with a {@code dead-letter-reason}
 * header and consumption goes on. Transient failures (the model is not ready) are retried with
 * exponential backoff first.
 */
@ApplicationScoped
public class DirectKafkaScoring {

    /** SmallRye channel of the input records ({@code mp.messaging.incoming.scoring-requests.*}). */
    public static final String REQUESTS = "scoring-requests";
    /** SmallRye channel of the scored events ({@code mp.messaging.outgoing.scoring-results.*}). */
    public static final String RESULTS = "scoring-results";
    /** Extension attribute of a scored event: the version of the model that scored it. */
    public static final String MODEL_VERSION = "modelversion";

    private static final Logger LOG = Logger.getLogger(DirectKafkaScoring.class);

    private final ScoringService service;
    private final ScoringConfig config;
    private final EventTypesConfig events;
    private final ObjectMapper mapper;
    private final ScoringTracer tracer;
    private final ScoringMetrics metrics;
    private final ServedModel models;
    private final String functionName;

    DirectKafkaScoring(ScoringService service, ScoringConfig config, EventTypesConfig events, ObjectMapper mapper,
            ScoringTracer tracer, ScoringMetrics metrics, ServedModel models,
            @ConfigProperty(name = "quarkus.application.name") String functionName) {
        this.service = service;
        this.config = config;
        this.events = events;
        this.mapper = mapper;
        this.tracer = tracer;
        this.metrics = metrics;
        this.models = models;
        this.functionName = functionName;
    }

    @Incoming(REQUESTS)
    @Outgoing(RESULTS)
    public Uni<Message<String>> score(Message<String> request) {
        RecordIdentity identity = RecordIdentity.of(request);
        ScoringConfig.KafkaConfig retry = config.kafka();
        return Uni.createFrom().item(() -> scoreOnce(request, identity))
                .onFailure(DirectKafkaScoring::isTransient).retry()
                .withBackOff(retry.retryBackoff(), retry.retryMaxBackoff()).atMost(retry.retries())
                .onFailure().recoverWithUni(failure -> deadLetter(request, identity, failure));
    }

    private Message<String> scoreOnce(Message<String> request, RecordIdentity identity) {
        return tracer.inSpan("score " + functionName, identity.traceparent(), spanAttributes(identity), () -> {
            String expectedType = events.requestType();
            if (identity.eventType() != null && !identity.eventType().equals(expectedType)) {
                throw new PoisonRecordException(Refusal.UNEXPECTED_EVENT_TYPE, "type", "the event type is '"
                        + identity.eventType() + "'; this function scores events of type '" + expectedType + "'");
            }
            Object result = service.score(JsonInput.KAFKA_RECORD.read(mapper, request.getPayload()),
                    Channel.KAFKA_DIRECT);
            return scoredEvent(request, identity, result);
        });
    }

    private Message<String> scoredEvent(Message<String> request, RecordIdentity identity, Object result) {
        String version = models.require().version();
        OutgoingCloudEventMetadata<Object> event = OutgoingCloudEventMetadata.builder()
                // The same request scored by the same model version always gives the same event id.
                .withId(identity.correlationId() + "@" + version)
                .withType(events.responseType())
                .withSource(java.net.URI.create(events.responseSource()))
                .withSubject(identity.subject())
                .withDataContentType("application/json")
                .withExtensions(extensions(identity, version))
                .build();
        OutgoingKafkaRecordMetadata<String> record = OutgoingKafkaRecordMetadata.<String> builder()
                .withKey(identity.key())
                .build();
        // The scored message keeps the request's ack and nack: the request's offset is committed only
        // once the broker has the scored record.
        return request.withPayload(json(result)).withMetadata(Metadata.of(event, record));
    }

    private Map<String, Object> extensions(RecordIdentity identity, String version) {
        Map<String, Object> extensions = new HashMap<>(ReplyExtensions.of(identity.correlationId(), identity.key()));
        extensions.put(MODEL_VERSION, version);
        return extensions;
    }

    private String json(Object result) {
        try {
            return mapper.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a score result could not be written as JSON", e);
        }
    }

    /**
     * Nacks the request: the dead-letter-queue failure strategy writes it to the dead-letter topic with
     * the reason, then acknowledges it. Nothing is forwarded to the results topic.
     */
    private Uni<Message<String>> deadLetter(Message<String> request, RecordIdentity identity, Throwable failure) {
        PoisonRecordException poison;
        if (failure instanceof PoisonRecordException p) {
            poison = p;
        } else if (failure instanceof ScoringException refusal) {
            poison = PoisonRecordException.of(refusal);
        } else {
            LOG.errorf(failure, "Scoring record %s failed unexpectedly; it goes to the dead-letter topic",
                    identity.correlationId());
            poison = new PoisonRecordException(Refusal.INTERNAL_ERROR, null, failure.toString());
        }
        metrics.refused(Channel.KAFKA_DIRECT, poison.error());
        LOG.warnf("Record %s sent to the dead-letter topic: %s", identity.correlationId(), poison.getMessage());
        return Uni.createFrom().completionStage(() -> request.nack(poison)).replaceWith((Message<String>) null);
    }

    /** A transient refusal (the model is not loaded yet) may pass later; invalid input never will. */
    private static boolean isTransient(Throwable failure) {
        return failure instanceof ScoringException refusal && refusal.refusal().isTransient();
    }

    private Map<String, String> spanAttributes(RecordIdentity identity) {
        Map<String, String> attributes = new HashMap<>();
        attributes.put("scoring.function", functionName);
        attributes.put("scoring.channel", Channel.KAFKA_DIRECT.tag());
        attributes.put("messaging.message.id", identity.correlationId());
        return attributes;
    }
}
