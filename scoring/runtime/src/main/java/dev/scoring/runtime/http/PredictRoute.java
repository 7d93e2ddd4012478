package dev.scoring.runtime.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.scoring.runtime.ScoringFunctions;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers {@code POST /predict} on the event loop, with the body the {@link CloudEventGuard} already
 * parsed. Funqy's plain-HTTP binding would parse the body a second time and hop to a worker thread
 * twice per request (once to run the function, once more to write its answer); scoring a row is a few
 * microseconds of CPU and never blocks, so it runs where the request arrived. The function itself is
 * the same {@link ScoringFunctions#predict} Funqy would call: same span, metrics and refusals.
 * {@code /explain} stays with Funqy, on a worker thread: an explanation can take up to
 * {@code scoring.explain.timeout}.
 */
final class PredictRoute implements Handler<RoutingContext> {

    private final ScoringFunctions functions;
    private final ObjectMapper mapper;

    PredictRoute(ScoringFunctions functions, ObjectMapper mapper) {
        this.functions = functions;
        this.mapper = mapper;
    }

    @Override
    public void handle(RoutingContext rc) {
        JsonNode body = rc.get(CloudEventGuard.PARSED_BODY);
        if (body == null) {
            rc.next(); // not a plain JSON request the guard parsed: leave it to Funqy
            return;
        }
        byte[] answer;
        try {
            answer = mapper.writeValueAsBytes(functions.predict(body));
        } catch (JsonProcessingException e) {
            rc.fail(new IllegalStateException("a score could not be written as JSON", e));
            return;
        } catch (RuntimeException e) {
            rc.fail(e); // a ScoringException becomes its JSON refusal in the ErrorResponder
            return;
        }
        rc.response().setStatusCode(200).putHeader("Content-Type", "application/json").end(Buffer.buffer(answer));
    }
}
