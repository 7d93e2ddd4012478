package dev.scoring.runtime.http;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.scoring.runtime.Channel;
import dev.scoring.runtime.EventTypesConfig;
import dev.scoring.runtime.JsonInput;
import dev.scoring.runtime.Refusal;
import dev.scoring.runtime.ScoringException;
import dev.scoring.runtime.ServedModel;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * Runs before Funqy on every request to a function path and refuses what Funqy would answer with a
 * bare status or an HTTP 500: a CloudEvent without its required attributes, an event type no
 * function handles, a structured event that is not JSON, a plain request that is not JSON. Each
 * refusal becomes a {@link ScoringException}, answered as JSON by {@link ErrorResponder}. What
 * passes is left to Funqy unchanged.
 */
public class CloudEventGuard implements Handler<RoutingContext> {

    /** Routing-context key under which the guard records how the request arrived. */
    public static final String CHANNEL = "scoring.channel";
    /** Routing-context key of a plain JSON request body the guard parsed (read by {@link PredictRoute}). */
    static final String PARSED_BODY = "scoring.parsedBody";
    /** Routing-context key set for a checked binary-mode event to score (read by {@link EventRoute}). */
    static final String BINARY_SCORE_EVENT = "scoring.binaryScoreEvent";

    static final Set<String> FUNCTION_PATHS = Set.of("/", "/predict", "/explain", "/score", "/scoreKafkaRecord",
            "/explainEvent");
    /** Paths that take plain JSON over HTTP. */
    static final Set<String> PLAIN_PATHS = Set.of("/predict", "/explain");
    private static final Set<String> SPEC_VERSIONS = Set.of("1.0", "0.3");
    private static final String[] REQUIRED_ATTRIBUTES = { "specversion", "id", "source", "type" };

    private final ObjectMapper mapper;
    private final EventTypesConfig events;
    private final ServedModel models;

    public CloudEventGuard(ObjectMapper mapper, EventTypesConfig events, ServedModel models) {
        this.mapper = mapper;
        this.events = events;
        this.models = models;
    }

    @Override
    public void handle(RoutingContext rc) {
        String path = rc.normalizedPath();
        if (path.startsWith("/v2/models/") && path.endsWith("/infer")) {
            RequestLog.install(rc, models);
            rc.next();
            return;
        }
        if (!FUNCTION_PATHS.contains(path)) {
            rc.next(); // health, metrics, or a path Funqy answers 404 for
            return;
        }
        RequestLog.install(rc, models);
        try {
            check(rc);
            rc.next();
        } catch (ScoringException e) {
            rc.fail(e);
        }
    }

    private void check(RoutingContext rc) {
        MultiMap headers = rc.request().headers();
        String contentType = headers.get("Content-Type");
        String mediaType = contentType == null ? null : contentType.trim().toLowerCase();
        rc.put(CHANNEL, Channel.HTTP);
        if (mediaType != null && mediaType.startsWith("application/cloudevents-batch+json")) {
            throw new ScoringException(Refusal.UNSUPPORTED_MEDIA_TYPE, "Content-Type",
                    "CloudEvents batch mode is not supported; send one event per request");
        }
        if (headers.contains("ce-id") || headers.contains("ce-type") || headers.contains("ce-specversion")) {
            rc.put(CHANNEL, Channel.CLOUDEVENT);
            checkBinaryEvent(rc, headers);
        } else if (mediaType != null && mediaType.startsWith("application/cloudevents")) {
            rc.put(CHANNEL, Channel.CLOUDEVENT);
            checkStructuredEvent(rc);
        } else {
            checkPlainRequest(rc, mediaType);
        }
    }

    private void checkBinaryEvent(RoutingContext rc, MultiMap headers) {
        for (String attribute : REQUIRED_ATTRIBUTES) {
            String value = headers.get("ce-" + attribute);
            if (value == null || value.isBlank()) {
                throw new ScoringException(Refusal.INVALID_CLOUDEVENT, "ce-" + attribute,
                        "binary-mode CloudEvent without the required header ce-" + attribute);
            }
        }
        checkSpecVersionAndType(rc, headers.get("ce-specversion"), headers.get("ce-type"), "ce-");
        Buffer body = rc.body().buffer();
        if (body == null || body.length() == 0) {
            // e.g. a Kafka tombstone delivered by KafkaSource: nothing to score
            throw new ScoringException(Refusal.INVALID_EVENT_DATA, "data", "the event carries no data to score");
        }
        if (!headers.get("ce-type").equals(events.explainType())) {
            rc.put(BINARY_SCORE_EVENT, Boolean.TRUE);
        }
    }

    private void checkStructuredEvent(RoutingContext rc) {
        JsonNode event = JsonInput.STRUCTURED_EVENT.read(mapper, bytes(rc));
        if (!event.isObject()) {
            throw new ScoringException(Refusal.INVALID_CLOUDEVENT, null,
                    "a structured-mode CloudEvent must be a JSON object");
        }
        for (String attribute : REQUIRED_ATTRIBUTES) {
            JsonNode value = event.get(attribute);
            if (value == null || !value.isTextual() || value.textValue().isBlank()) {
                throw new ScoringException(Refusal.INVALID_CLOUDEVENT, attribute,
                        "structured-mode CloudEvent without the required string attribute '" + attribute + "'");
            }
        }
        rc.put(RequestLog.REQUEST_ID, event.get("id").textValue());
        checkSpecVersionAndType(rc, event.get("specversion").textValue(), event.get("type").textValue(), "");
    }

    private void checkSpecVersionAndType(RoutingContext rc, String specVersion, String type, String prefix) {
        if (!SPEC_VERSIONS.contains(specVersion)) {
            throw new ScoringException(Refusal.INVALID_CLOUDEVENT, prefix + "specversion",
                    "CloudEvents spec version '" + specVersion + "' is not supported; use 1.0");
        }
        if (type.equals(events.kafkaType())) {
            rc.put(CHANNEL, Channel.KAFKA);
        } else if (!type.equals(events.requestType()) && !type.equals(events.explainType())) {
            throw new ScoringException(Refusal.UNKNOWN_EVENT_TYPE, prefix + "type",
                    "this function takes events of type '" + events.requestType() + "', '" + events.explainType()
                            + "' or '" + events.kafkaType() + "', not '" + type + "'");
        }
    }

    private void checkPlainRequest(RoutingContext rc, String mediaType) {
        if (rc.request().method() != HttpMethod.POST || !PLAIN_PATHS.contains(rc.normalizedPath())) {
            throw new ScoringException(Refusal.METHOD_NOT_ALLOWED, null,
                    "POST a JSON body to /predict or /explain, or send a CloudEvent to /");
        }
        if (mediaType == null || !mediaType.startsWith("application/json")) {
            throw new ScoringException(Refusal.UNSUPPORTED_MEDIA_TYPE, "Content-Type",
                    "send Content-Type: application/json (got " + (mediaType == null ? "none" : mediaType) + ")");
        }
        rc.put(PARSED_BODY, JsonInput.HTTP_BODY.read(mapper, bytes(rc)));
    }

    private static byte[] bytes(RoutingContext rc) {
        Buffer body = rc.body().buffer();
        return body == null ? null : body.getBytes();
    }
}
