package dev.scoring.runtime.http;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.scoring.runtime.Channel;
import io.quarkus.funqy.knative.events.CloudEvent;
import io.quarkus.funqy.knative.events.CloudEventBuilder;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers binary-mode request events ({@code POST /} with {@code ce-*} headers, of the function's
 * request type or KafkaSource's type, as Knative Brokers and KafkaSource deliver them) on the event
 * loop, as {@link PredictRoute} does for {@code /predict}. The event given to {@link ScoringFunctions}
 * and the reply written from its answer follow Funqy's own binary binding (extensions are the
 * {@code ce-} headers that are not attributes; the reply's id is a new UUID, its spec version the
 * request's), so the same event gets the same answer either way. Structured-mode events and
 * explanation requests stay with Funqy.
 */
final class EventRoute extends EventLoopScoringRoute {

    /** {@code ce-} headers that carry attributes, not extensions (Funqy's list, case-insensitive). */
    private static final Set<String> ATTRIBUTE_HEADERS = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    static {
        ATTRIBUTE_HEADERS.addAll(Set.of("ce-specversion", "ce-id", "ce-source", "ce-type", "ce-subject", "ce-time",
                "ce-datacontentencoding", "ce-schemaurl", "ce-dataschema"));
    }

    EventRoute(ScoringFunctions functions, ObjectMapper mapper) {
        super(functions, mapper);
    }

    @Override
    boolean takes(RoutingContext rc) {
        // not structured mode, not an explanation request
        return Boolean.TRUE.equals(rc.get(CloudEventGuard.BINARY_SCORE_EVENT));
    }

    @Override
    void answer(RoutingContext rc) throws JsonProcessingException {
        MultiMap headers = rc.request().headers();
        CloudEvent<byte[]> event = CloudEventBuilder.create()
                .specVersion(headers.get("ce-specversion"))
                .id(headers.get("ce-id"))
                .type(headers.get("ce-type"))
                .source(headers.get("ce-source"))
                .subject(headers.get("ce-subject"))
                .extensions(extensionsOf(headers))
                .build(rc.body().buffer().getBytes(), headers.get("Content-Type"));
        CloudEvent<Object> reply = rc.get(CloudEventGuard.CHANNEL) == Channel.KAFKA ? functions.scoreKafkaRecord(event)
                : functions.score(event);
        byte[] data = mapper.writeValueAsBytes(reply.data());
        HttpServerResponse response = rc.response().setStatusCode(200);
        response.putHeader("ce-id", reply.id() != null ? reply.id() : UUID.randomUUID().toString());
        response.putHeader("ce-specversion", reply.specVersion() != null ? reply.specVersion() : event.specVersion());
        response.putHeader("ce-source", reply.source());
        response.putHeader("ce-type", reply.type());
        if (reply.subject() != null) {
            response.putHeader("ce-subject", reply.subject());
        }
        reply.extensions().forEach((name, value) -> response.putHeader("ce-" + name, value));
        response.putHeader("Content-Type", reply.dataContentType() != null ? reply.dataContentType() : "application/json");
        response.end(Buffer.buffer(data));
    }

    private static Map<String, String> extensionsOf(MultiMap headers) {
        Map<String, String> extensions = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, String> header : headers) {
            String name = header.getKey();
            if (name.length() > 3 && name.regionMatches(true, 0, "ce-", 0, 3) && !ATTRIBUTE_HEADERS.contains(name)) {
                extensions.put(name.substring(3), header.getValue());
            }
        }
        return extensions;
    }
}
