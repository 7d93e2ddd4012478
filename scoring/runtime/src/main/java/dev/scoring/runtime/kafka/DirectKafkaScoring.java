package dev.scoring.runtime.kafka;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.scoring.runtime.EventTypesConfig;
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
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * The direct Kafka path: the function consumes its input topics itself, in batches, and writes each
 * scored event to the results topic as a CloudEvent (Kafka binary binding), for clusters without Knative
 * Eventing or scaled by KEDA on consumer lag. Off unless {@code scoring.kafka.enabled=true}.
 * <p>
 * A batch is what one poll of the consumer returned (up to {@code max.poll.records}). Each record is read
 * and validated on its own; the rows of every valid record go to the model in one call; each scored event
 * is handed to the producer at once, in offset order, so the producer batches them and the records of one
 * partition keep their order in the results topic.
 * <p>
 * Delivery is at least once: the batch is acknowledged, and so its offsets committed (SmallRye's
 * throttled strategy, which commits an offset only when every record before it is acknowledged), only when
 * the broker has acknowledged every scored event and every dead letter of the batch. Batches overlap: the
 * next one is taken as soon as this one is handed to the producer, while fewer than
 * {@code scoring.kafka.max-in-flight-batches} wait for their acknowledgements; waiting for each batch's
 * acknowledgements before the next poll would cost a producer round trip (linger plus the broker's write)
 * per batch. Order per partition holds across batches because events are handed to the producer in offset
 * order and the producer is idempotent (Kafka's default with {@code acks=all}). A redelivered request
 * yields a scored event with the same id and {@code correlationid}, so consumers can drop duplicates.
 * <p>
 * Poison records (not JSON, refused by validation, an unexpected event type) are nacked one by one:
 * SmallRye's dead-letter-queue strategy writes each to the dead-letter topic with a
 * {@code dead-letter-reason} header, and the rest of the batch is scored. A scored event the broker
 * finally refuses sends its request to the dead-letter topic the same way. When no model is served (a
 * transient refusal) the whole batch is retried with exponential backoff first.
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
    /*
     * Unbounded, because what reaches it is bounded already: at most max-in-flight-batches batches of no
     * more than max.poll.records events each.
     */
    private final Emitter<String> results;
    /*
     * The acknowledgement of each batch handed to the producer and not yet acknowledged, oldest first. Only
     * touched by score()'s pipeline, which SmallRye runs for one batch at a time.
     */
    private final Deque<CompletableFuture<Void>> unacknowledged = new ArrayDeque<>();

    DirectKafkaScoring(ScoringService service, ScoringConfig config, EventTypesConfig events, ObjectMapper mapper,
            ScoringTracer tracer, ScoringMetrics metrics, ServedModel models,
            @ConfigProperty(name = "quarkus.application.name") String functionName,
            @Channel(RESULTS) @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) Emitter<String> results) {
        this.service = service;
        this.config = config;
        this.events = events;
        this.mapper = mapper;
        this.tracer = tracer;
        this.metrics = metrics;
        this.models = models;
        this.functionName = functionName;
        this.results = results;
        if (config.kafka().maxInFlightBatches() < 1) {
            throw new IllegalArgumentException("scoring.kafka.max-in-flight-batches must be at least 1, not "
                    + config.kafka().maxInFlightBatches());
        }
    }

    @Incoming(REQUESTS)
    public Uni<Void> score(KafkaRecordBatch<String, String> batch) {
        List<ConsumedRecord> records = new ArrayList<>(batch.getRecords().size());
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            records.add(ConsumedRecord.read(record, events.requestType(), mapper));
        }
        ScoringConfig.KafkaConfig retry = config.kafka();
        return Uni.createFrom().item(() -> scoreAll(records))
                .onFailure(DirectKafkaScoring::isTransient).retry()
                .withBackOff(retry.retryBackoff(), retry.retryMaxBackoff()).atMost(retry.retries())
                .onFailure().recoverWithItem(failure -> everyRecordRefused(records, failure))
                .map(this::deliver)
                .chain(delivered -> roomForNextBatch(acknowledge(batch, delivered)));
    }

    /** Acks the batch (its offsets may be committed) once all its events are acknowledged, else nacks it. */
    private static CompletableFuture<Void> acknowledge(KafkaRecordBatch<String, String> batch,
            CompletionStage<Void> delivered) {
        return delivered.handle((ignored, failure) -> failure == null ? batch.ack() : batch.nack(failure))
                .thenCompose(done -> done).toCompletableFuture();
    }

    /**
     * Completes when fewer than {@code max-in-flight-batches} batches await their acknowledgements, so
     * SmallRye polls the next batch only then.
     */
    private Uni<Void> roomForNextBatch(CompletableFuture<Void> acknowledged) {
        unacknowledged.addLast(acknowledged);
        while (!unacknowledged.isEmpty() && unacknowledged.peekFirst().isDone()) {
            unacknowledged.removeFirst();
        }
        if (unacknowledged.size() < config.kafka().maxInFlightBatches()) {
            return Uni.createFrom().voidItem();
        }
        // A failed acknowledgement was reported to SmallRye by the nack; it only frees room here.
        return Uni.createFrom().completionStage(unacknowledged.removeFirst().exceptionally(failure -> null));
    }

    /** Scores every readable record of the batch with one model call; throws only for the whole batch. */
    private List<ScoredRecord> scoreAll(List<ConsumedRecord> records) {
        List<JsonNode> bodies = new ArrayList<>(records.size());
        for (ConsumedRecord record : records) {
            if (record.poison() == null) {
                bodies.add(record.body());
            }
        }
        List<ScoringService.Outcome> outcomes = bodies.isEmpty() ? List.of()
                : service.scoreEach(bodies, dev.scoring.runtime.Channel.KAFKA_DIRECT);
        List<ScoredRecord> scored = new ArrayList<>(records.size());
        int next = 0;
        for (ConsumedRecord record : records) {
            if (record.poison() != null) {
                scored.add(new ScoredRecord(record, null, record.poison()));
                continue;
            }
            ScoringService.Outcome outcome = outcomes.get(next++);
            scored.add(outcome.refused() ? new ScoredRecord(record, null, PoisonRecordException.of(outcome.refusal()))
                    : new ScoredRecord(record, outcome.answer(), null));
        }
        return scored;
    }

    /** After the retries, a failure of the whole batch sends each of its records to the dead-letter topic. */
    private List<ScoredRecord> everyRecordRefused(List<ConsumedRecord> records, Throwable failure) {
        PoisonRecordException poison;
        if (failure instanceof ScoringException refusal) {
            poison = PoisonRecordException.of(refusal);
        } else {
            LOG.errorf(failure, "Scoring a batch of %d records failed unexpectedly; they go to the dead-letter topic",
                    records.size());
            poison = new PoisonRecordException(Refusal.INTERNAL_ERROR, null, failure.toString());
        }
        List<ScoredRecord> refused = new ArrayList<>(records.size());
        for (ConsumedRecord record : records) {
            refused.add(new ScoredRecord(record, null, poison));
        }
        return refused;
    }

    /**
     * Hands every scored event to the producer and every refused record to the dead-letter topic, in
     * offset order.
     *
     * @return completes when the broker has acknowledged all of them
     */
    private CompletionStage<Void> deliver(List<ScoredRecord> scored) {
        List<CompletableFuture<Void>> acknowledged = new ArrayList<>(scored.size());
        for (ScoredRecord record : scored) {
            acknowledged.add(record.poison() == null ? send(record) : deadLetter(record.consumed(), record.poison()));
        }
        return CompletableFuture.allOf(acknowledged.toArray(CompletableFuture[]::new));
    }

    private CompletableFuture<Void> send(ScoredRecord record) {
        ConsumedRecord consumed = record.consumed();
        CompletableFuture<Void> done = new CompletableFuture<>();
        Message<String> event = tracer.inSpan("score " + functionName, consumed.identity().traceparent(),
                spanAttributes(consumed.identity()), () -> scoredEvent(consumed.identity(), record.answer()));
        results.send(event
                .withAck(() -> {
                    done.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    // The broker refused the scored event for good (after delivery.timeout.ms): the request
                    // goes to the dead-letter topic instead of being lost.
                    PoisonRecordException poison = new PoisonRecordException(Refusal.INTERNAL_ERROR, null,
                            "the scored event could not be written: " + failure);
                    deadLetter(consumed, poison).whenComplete((ignored, error) -> {
                        if (error == null) {
                            done.complete(null);
                        } else {
                            done.completeExceptionally(error);
                        }
                    });
                    return CompletableFuture.completedFuture(null);
                }));
        return done;
    }

    private Message<String> scoredEvent(RecordIdentity identity, Object answer) {
        String version = models.require().version();
        OutgoingCloudEventMetadata<Object> event = OutgoingCloudEventMetadata.builder()
                // The same request scored by the same model version always gives the same event id.
                .withId(identity.correlationId() + "@" + version)
                .withType(events.responseType())
                .withSource(URI.create(events.responseSource()))
                .withSubject(identity.subject())
                .withDataContentType("application/json")
                .withExtensions(extensions(identity, version))
                .build();
        OutgoingKafkaRecordMetadata<String> record = OutgoingKafkaRecordMetadata.<String> builder()
                .withKey(identity.key())
                .build();
        return Message.of(json(answer), Metadata.of(event, record));
    }

    /**
     * Nacks the request: the dead-letter-queue failure strategy writes it to the dead-letter topic with
     * the reason, then acknowledges it.
     */
    private CompletableFuture<Void> deadLetter(ConsumedRecord record, PoisonRecordException poison) {
        metrics.refused(dev.scoring.runtime.Channel.KAFKA_DIRECT, poison.error());
        LOG.warnf("Record %s sent to the dead-letter topic: %s", record.identity().correlationId(),
                poison.getMessage());
        return record.message().nack(poison).toCompletableFuture();
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

    /** A transient refusal (the model is not loaded yet) may pass later; invalid input never will. */
    private static boolean isTransient(Throwable failure) {
        return failure instanceof ScoringException refusal && refusal.refusal().isTransient();
    }

    private Map<String, String> spanAttributes(RecordIdentity identity) {
        Map<String, String> attributes = new HashMap<>();
        attributes.put("scoring.function", functionName);
        attributes.put("scoring.channel", dev.scoring.runtime.Channel.KAFKA_DIRECT.tag());
        attributes.put("messaging.message.id", identity.correlationId());
        return attributes;
    }

    /** A record of the batch and its scored answer, or why it goes to the dead-letter topic. */
    private record ScoredRecord(ConsumedRecord consumed, Object answer, PoisonRecordException poison) {
    }
}
