package dev.scoring.runtime.http;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.scoring.runtime.Channel;
import dev.scoring.runtime.ErrorBody;
import dev.scoring.runtime.ScoringConfig;
import dev.scoring.runtime.ScoringException;
import dev.scoring.runtime.metrics.ScoringMetrics;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * The failure handler of every function path: answers each failed request with a JSON
 * {@link ErrorBody} and counts it in {@code scoring_errors_total}. Refusals carry their own status
 * (4xx, or 503 while the model is not loaded); bare statuses from Vert.x or Funqy are given a body;
 * anything unexpected is logged with its stack trace here and answered 500 without one.
 */
public class ErrorResponder implements Handler<RoutingContext> {

    private static final Logger LOG = Logger.getLogger(ErrorResponder.class);

    private final ObjectMapper mapper;
    private final ScoringMetrics metrics;
    private final ScoringConfig config;

    public ErrorResponder(ObjectMapper mapper, ScoringMetrics metrics, ScoringConfig config) {
        this.mapper = mapper;
        this.metrics = metrics;
        this.config = config;
    }

    @Override
    public void handle(RoutingContext rc) {
        if (rc.normalizedPath().startsWith("/q/")) {
            rc.next(); // Quarkus' own endpoints keep Quarkus' own error handling
            return;
        }
        ScoringException refusal = toRefusal(rc);
        rc.put(RequestLog.ERROR, refusal.error());
        Channel channel = rc.get(CloudEventGuard.CHANNEL);
        metrics.refused(channel == null ? Channel.HTTP : channel, refusal.error());
        if (rc.response().headWritten()) {
            rc.response().end(); // the answer had started; nothing more can be said
            return;
        }
        byte[] body;
        try {
            // The Open Inference Protocol has its own error shape: {"error": "<message>"}.
            Object document = rc.normalizedPath().startsWith("/v2")
                    ? java.util.Map.of("error", refusal.error() + ": " + refusal.detail()
                            + (refusal.field() == null ? "" : " (" + refusal.field() + ")"))
                    : ErrorBody.of(refusal);
            body = mapper.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            body = "{\"error\":\"internal_error\",\"field\":null,\"detail\":null}".getBytes();
        }
        rc.response()
                .setStatusCode(refusal.status())
                .putHeader("Content-Type", "application/json")
                .end(io.vertx.core.buffer.Buffer.buffer(body));
    }

    private ScoringException toRefusal(RoutingContext rc) {
        for (Throwable t = rc.failure(); t != null; t = t.getCause()) {
            if (t instanceof ScoringException e) {
                return e;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        if (rc.failure() != null) {
            LOG.errorf(rc.failure(), "Unexpected failure on %s %s", rc.request().method(), rc.normalizedPath());
            return new ScoringException(500, "internal_error", null,
                    "the function failed unexpectedly; the cause is in its log");
        }
        int status = rc.statusCode();
        return switch (status) {
            case 404 -> new ScoringException(404, "not_found", null,
                    "no function at " + rc.normalizedPath() + "; POST JSON to /predict or a CloudEvent to /");
            case 405 -> new ScoringException(405, "method_not_allowed", null,
                    "POST a JSON body to /predict, or send a CloudEvent to /");
            case 406, 415 -> new ScoringException(415, "unsupported_media_type", "Content-Type",
                    "send application/json, or a CloudEvent in binary or structured mode");
            case 413 -> new ScoringException(413, "body_too_large", null,
                    "the request body is larger than " + config.limits().maxBodySize().asLongValue()
                            + " bytes (scoring.limits.max-body-size)");
            default -> {
                if (status >= 400 && status < 500) {
                    yield new ScoringException(status, "bad_request", null, "the request was refused");
                }
                LOG.errorf("Request to %s failed with status %d", rc.normalizedPath(), status);
                yield new ScoringException(500, "internal_error", null,
                        "the function failed unexpectedly; the cause is in its log");
            }
        };
    }
}
