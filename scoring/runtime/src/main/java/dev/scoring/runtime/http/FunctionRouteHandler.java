package dev.scoring.runtime.http;

import dev.scoring.runtime.ScoringException;
import dev.scoring.runtime.ServedModel;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * The route of every function path ({@code /} for events, {@code /<function>} for plain JSON): reads the
 * request once ({@link FunctionRequestReader}), calls the Funqy function ({@link BoundFunction}), and writes its answer the way the request came ({@link ReplyWriter}). It runs on the event loop; a
 * function that must not (an explanation) returns a {@link Uni} that runs elsewhere. Refusals and failures
 * go to the route's failure handler, the {@link ErrorResponder}.
 */
final class FunctionRouteHandler implements Handler<RoutingContext> {

    private final FunctionRequestReader reader;
    private final ReplyWriter writer;
    private final ServedModel models;

    FunctionRouteHandler(FunctionRequestReader reader, ReplyWriter writer, ServedModel models) {
        this.reader = reader;
        this.writer = writer;
        this.models = models;
    }

    @Override
    public void handle(RoutingContext rc) {
        RequestState state = RequestState.of(rc);
        RequestLog.install(rc, models);
        FunctionCall call;
        try {
            call = reader.read(rc, state);
        } catch (ScoringException e) {
            rc.fail(e);
            return;
        }
        Object result;
        try {
            result = call.function().call(call.input());
        } catch (RuntimeException e) {
            rc.fail(e); // the ErrorResponder finds a refusal among the causes
            return;
        }
        if (result instanceof Uni<?> later) {
            later.subscribe().with(output -> writer.write(rc, call.reply(), output), rc::fail);
        } else {
            writer.write(rc, call.reply(), result);
        }
    }
}
