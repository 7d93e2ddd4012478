package dev.scoring.bench.empty;

import io.quarkus.vertx.web.Body;
import io.quarkus.vertx.web.Route;
import io.quarkus.vertx.web.Route.HttpMethod;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * POST /predict answers the same body every time, shaped and sized like a function's answer for one
 * row, without parsing what it got. The request body is still read in full (the route takes it), so
 * a 100-row request costs its bytes here too.
 */
public class FixedAnswerRoute {

    static final Buffer ANSWER = Buffer.buffer("""
            {"label":"setosa","probabilities":{"setosa":0.9664,"versicolor":0.0335,"virginica":0.0001},\
            "model":"iris","version":"1.0.0","warnings":[]}""");

    @Route(path = "/predict", methods = HttpMethod.POST, produces = "application/json")
    void predict(@Body Buffer body, RoutingContext rc) {
        if (body == null || body.length() == 0) {
            rc.response().setStatusCode(400).end("{\"error\":\"empty body\"}");
            return;
        }
        rc.response().putHeader("content-type", "application/json").end(ANSWER);
    }
}
