package dev.scoring.runtime.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers {@code POST /predict} on the event loop, with the body the {@link CloudEventGuard} already
 * parsed. Funqy's plain-HTTP binding would parse the body a second time and hop to a worker thread
 * twice per request (once to run the function, once more to write its answer). The function is the
 * same {@link ScoringFunctions#predict} Funqy would call. {@code /explain} stays with Funqy, on a worker
 * thread: an explanation can take up to {@code scoring.explain.timeout}.
 */
final class PredictRoute extends EventLoopScoringRoute {

    PredictRoute(ScoringFunctions functions, ObjectMapper mapper) {
        super(functions, mapper);
    }

    @Override
    boolean takes(RoutingContext rc) {
        return rc.get(CloudEventGuard.PARSED_BODY) != null; // a plain JSON request the guard parsed
    }

    @Override
    void answer(RoutingContext rc) throws JsonProcessingException {
        JsonNode body = rc.get(CloudEventGuard.PARSED_BODY);
        byte[] answer = mapper.writeValueAsBytes(functions.predict(body));
        rc.response().setStatusCode(200).putHeader("Content-Type", "application/json").end(Buffer.buffer(answer));
    }
}
