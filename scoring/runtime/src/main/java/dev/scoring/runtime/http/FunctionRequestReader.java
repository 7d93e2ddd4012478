package dev.scoring.runtime.http;

import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.scoring.runtime.Channel;
import dev.scoring.runtime.EventTypesConfig;
import dev.scoring.runtime.JsonInput;
import dev.scoring.runtime.Refusal;
import dev.scoring.runtime.ScoringException;

import io.cloudevents.CloudEvent;
import io.cloudevents.http.vertx.VertxMessageFactory;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.rw.CloudEventRWException;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * Turns a request to a function path into a {@link FunctionCall}, reading its body once: a plain JSON
 * request for the function named by the path, or a CloudEvent (binary or structured mode, read with the
 * CloudEvents SDK) for the function its type is mapped to. Whatever cannot be answered is refused with a
 * {@link ScoringException} naming the header, attribute or field at fault.
 */
final class FunctionRequestReader {

    private static final Set<String> SPEC_VERSIONS = Set.of("1.0", "0.3");
    private static final String[] REQUIRED_ATTRIBUTES = { "specversion", "id", "source", "type" };

    private final ObjectMapper mapper;
    /** The application's mapper with the CloudEvents JSON format's module: reads a parsed event tree. */
    private final ObjectMapper eventMapper;
    private final EventTypesConfig events;
    private final Map<String, BoundFunction> plainFunctionsByPath;
    private final Map<String, BoundFunction> eventFunctionsByType;
    /** Whether the request's caller may have an explanation event answered (scoring.auth.explain-role). */
    private final Predicate<RoutingContext> mayExplain;

    FunctionRequestReader(ObjectMapper mapper, EventTypesConfig events, Map<String, BoundFunction> plainFunctionsByPath,
            Map<String, BoundFunction> eventFunctionsByType, Predicate<RoutingContext> mayExplain) {
        this.mapper = mapper;
        this.mayExplain = mayExplain;
        this.eventMapper = mapper.copy().registerModule(JsonFormat.getCloudEventJacksonModule());
        this.events = events;
        this.plainFunctionsByPath = plainFunctionsByPath;
        this.eventFunctionsByType = eventFunctionsByType;
    }

    FunctionCall read(RoutingContext rc, RequestState state) {
        MultiMap headers = rc.request().headers();
        String contentType = headers.get("Content-Type");
        String mediaType = contentType == null ? null : contentType.trim().toLowerCase();
        if (mediaType != null && mediaType.startsWith("application/cloudevents-batch+json")) {
            throw new ScoringException(Refusal.UNSUPPORTED_MEDIA_TYPE, "Content-Type",
                    "CloudEvents batch mode is not supported; send one event per request");
        }
        if (headers.contains("ce-id") || headers.contains("ce-type") || headers.contains("ce-specversion")) {
            state.channel(Channel.CLOUDEVENT);
            return binaryEvent(rc, headers, state);
        }
        if (mediaType != null && mediaType.startsWith("application/cloudevents")) {
            state.channel(Channel.CLOUDEVENT);
            return structuredEvent(rc, state);
        }
        return plainRequest(rc, mediaType);
    }

    private FunctionCall binaryEvent(RoutingContext rc, MultiMap headers, RequestState state) {
        requireEventPath(rc);
        for (String attribute : REQUIRED_ATTRIBUTES) {
            String value = headers.get("ce-" + attribute);
            if (value == null || value.isBlank()) {
                throw new ScoringException(Refusal.INVALID_CLOUDEVENT, "ce-" + attribute,
                        "binary-mode CloudEvent without the required header ce-" + attribute);
            }
        }
        BoundFunction function = functionFor(headers.get("ce-specversion"), headers.get("ce-type"), "ce-", rc,
                state);
        Buffer body = rc.body().buffer();
        if (body == null || body.length() == 0) {
            // e.g. a Kafka tombstone delivered by KafkaSource: nothing to score
            throw new ScoringException(Refusal.INVALID_EVENT_DATA, "data", "the event carries no data to score");
        }
        CloudEvent event;
        try {
            event = VertxMessageFactory.createReader(headers, body).toEvent();
        } catch (CloudEventRWException | IllegalArgumentException e) {
            throw new ScoringException(Refusal.INVALID_CLOUDEVENT, null, "not a valid CloudEvent: " + e.getMessage());
        }
        return new FunctionCall(function, event, FunctionCall.Reply.BINARY_EVENT);
    }

    private FunctionCall structuredEvent(RoutingContext rc, RequestState state) {
        requireEventPath(rc);
        JsonNode tree = JsonInput.STRUCTURED_EVENT.read(mapper, bytes(rc));
        if (!tree.isObject()) {
            throw new ScoringException(Refusal.INVALID_CLOUDEVENT, null,
                    "a structured-mode CloudEvent must be a JSON object");
        }
        for (String attribute : REQUIRED_ATTRIBUTES) {
            JsonNode value = tree.get(attribute);
            if (value == null || !value.isTextual() || value.textValue().isBlank()) {
                throw new ScoringException(Refusal.INVALID_CLOUDEVENT, attribute,
                        "structured-mode CloudEvent without the required string attribute '" + attribute + "'");
            }
        }
        state.requestId(tree.get("id").textValue());
        BoundFunction function = functionFor(tree.get("specversion").textValue(), tree.get("type").textValue(), "", rc,
                state);
        CloudEvent event;
        try {
            // From the tree already parsed, not from the bytes again; JSON data stays a tree.
            event = eventMapper.treeToValue(tree, CloudEvent.class);
        } catch (JsonProcessingException e) {
            throw new ScoringException(Refusal.INVALID_CLOUDEVENT, null,
                    "not a valid CloudEvent: " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw new ScoringException(Refusal.INVALID_CLOUDEVENT, null, "not a valid CloudEvent: " + e.getMessage());
        }
        return new FunctionCall(function, event, FunctionCall.Reply.STRUCTURED_EVENT);
    }

    private FunctionCall plainRequest(RoutingContext rc, String mediaType) {
        BoundFunction function = plainFunctionsByPath.get(rc.normalizedPath());
        if (rc.request().method() != HttpMethod.POST || function == null) {
            throw new ScoringException(Refusal.METHOD_NOT_ALLOWED, null,
                    "POST a JSON body to /predict or /explain, or send a CloudEvent to /");
        }
        if (mediaType == null || !mediaType.startsWith("application/json")) {
            throw new ScoringException(Refusal.UNSUPPORTED_MEDIA_TYPE, "Content-Type",
                    "send Content-Type: application/json (got " + (mediaType == null ? "none" : mediaType) + ")");
        }
        return new FunctionCall(function, JsonInput.HTTP_BODY.read(mapper, bytes(rc)), FunctionCall.Reply.JSON);
    }

    /** Events are answered at the root path, where Brokers, Triggers and KafkaSource deliver them. */
    private void requireEventPath(RoutingContext rc) {
        if (rc.request().method() != HttpMethod.POST) {
            throw new ScoringException(Refusal.METHOD_NOT_ALLOWED, null, "POST CloudEvents to /");
        }
        if (plainFunctionsByPath.containsKey(rc.normalizedPath())) {
            throw new ScoringException(Refusal.UNSUPPORTED_MEDIA_TYPE, null,
                    rc.normalizedPath() + " takes plain JSON; send CloudEvents to /");
        }
    }

    private BoundFunction functionFor(String specVersion, String type, String prefix, RoutingContext rc,
            RequestState state) {
        if (!SPEC_VERSIONS.contains(specVersion)) {
            throw new ScoringException(Refusal.INVALID_CLOUDEVENT, prefix + "specversion",
                    "CloudEvents spec version '" + specVersion + "' is not supported; use 1.0");
        }
        BoundFunction function = eventFunctionsByType.get(type);
        if (function == null) {
            throw new ScoringException(Refusal.UNKNOWN_EVENT_TYPE, prefix + "type",
                    "this function takes events of type '" + events.requestType() + "', '" + events.explainType()
                            + "' or '" + events.kafkaType() + "', not '" + type + "'");
        }
        if (type.equals(events.kafkaType())) {
            state.channel(Channel.KAFKA);
        }
        if (type.equals(events.explainType()) && !mayExplain.test(rc)) {
            throw new ScoringException(Refusal.FORBIDDEN, "Authorization",
                    "the token is valid but lacks the role explanations need");
        }
        return function;
    }

    private static byte[] bytes(RoutingContext rc) {
        Buffer body = rc.body().buffer();
        return body == null ? null : body.getBytes();
    }
}
