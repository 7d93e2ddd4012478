package dev.scoring.runtime.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cloudevents.CloudEvent;
import io.cloudevents.http.vertx.VertxMessageFactory;
import io.cloudevents.jackson.JsonFormat;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * Writes a function's answer the way its request came: a JSON body for plain HTTP, a CloudEvent in the
 * request's mode for an event, with the CloudEvents SDK's Vert.x binding (attributes and extensions as
 * {@code ce-*} headers in binary mode, the JSON event format in structured mode).
 */
final class ReplyWriter {

    private final ObjectMapper mapper;
    private final JsonFormat eventFormat = new JsonFormat();

    ReplyWriter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void write(RoutingContext rc, FunctionCall.Reply reply, Object answer) {
        try {
            switch (reply) {
                case JSON -> rc.response().setStatusCode(200).putHeader("Content-Type", "application/json")
                        .end(Buffer.buffer(mapper.writeValueAsBytes(answer)));
                case BINARY_EVENT -> VertxMessageFactory.createWriter(rc.response()).writeBinary(event(answer));
                case STRUCTURED_EVENT -> VertxMessageFactory.createWriter(rc.response())
                        .writeStructured(event(answer), eventFormat);
            }
        } catch (JsonProcessingException | RuntimeException e) {
            // nothing was written: the failure handler answers (a serialisation failure is a bug, so a 500)
            rc.fail(new IllegalStateException("the answer could not be written", e));
        }
    }

    private static CloudEvent event(Object answer) {
        if (answer instanceof CloudEvent event) {
            return event;
        }
        throw new IllegalStateException("an event function must return a CloudEvent, not " + answer);
    }
}
