package dev.scoring.runtime.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * A route that scores on the event loop where the request arrived, ahead of Funqy's binding, which
 * would hop to a worker thread: scoring is a few microseconds of CPU and never blocks. It calls the
 * same {@link ScoringFunctions} Funqy would (same span, metrics and refusals). A subclass says which
 * requests it takes (the others go on to Funqy) and writes the answer; a refusal or failure is handed
 * to the {@link ErrorResponder}.
 */
abstract class EventLoopScoringRoute implements Handler<RoutingContext> {

    protected final ScoringFunctions functions;
    protected final ObjectMapper mapper;

    EventLoopScoringRoute(ScoringFunctions functions, ObjectMapper mapper) {
        this.functions = functions;
        this.mapper = mapper;
    }

    @Override
    public final void handle(RoutingContext rc) {
        if (!takes(rc)) {
            rc.next();
            return;
        }
        try {
            answer(rc);
        } catch (JsonProcessingException e) {
            rc.fail(new IllegalStateException("a score could not be written as JSON", e));
        } catch (RuntimeException e) {
            rc.fail(e); // a ScoringException becomes its JSON refusal in the ErrorResponder
        }
    }

    /** Whether this request is one to score here; the guard has checked it already. */
    abstract boolean takes(RoutingContext rc);

    /** Scores the request and writes the answer; nothing is written when scoring or serialising throws. */
    abstract void answer(RoutingContext rc) throws JsonProcessingException;
}
