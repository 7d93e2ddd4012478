package dev.scoring.runtime.http;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import dev.scoring.runtime.Channel;
import dev.scoring.runtime.model.LoadedModel;
import dev.scoring.runtime.model.ModelHolder;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * One log line per scoring request, written when the response has been sent: model, version,
 * request id, channel, HTTP status, outcome (success or the error code) and latency, as MDC fields
 * (JSON fields in production). Feature values are never logged.
 * <p>
 * The request id is the CloudEvent id for events, else the {@code X-Request-Id} header, else
 * {@code -}. Category {@code dev.scoring.request}: set it to WARN to keep only errors.
 */
public final class RequestLog {

    /** Routing-context key under which the error responder leaves the refusal's error code. */
    public static final String ERROR = "scoring.error";
    /** Routing-context key for a request id found in the body (a structured-mode CloudEvent's id). */
    public static final String REQUEST_ID = "scoring.requestId";

    private static final Logger LOG = Logger.getLogger("dev.scoring.request");

    private RequestLog() {
    }

    public static void install(RoutingContext rc, ModelHolder models) {
        long start = System.nanoTime();
        String headerId = requestId(rc.request().headers());
        rc.addEndHandler(done -> {
            String bodyId = rc.get(REQUEST_ID);
            String requestId = bodyId != null ? bodyId : headerId;
            int status = rc.response().getStatusCode();
            String error = rc.get(ERROR);
            Channel channel = rc.get(CloudEventGuard.CHANNEL);
            String model = "-";
            String version = "-";
            if (models.isReady()) {
                LoadedModel loaded = models.require();
                model = loaded.name();
                version = loaded.version();
            }
            double latencyMs = (System.nanoTime() - start) / 1e6;
            String outcome = status < 400 ? "success" : error != null ? error : "error";
            MDC.put("model", model);
            MDC.put("version", version);
            MDC.put("requestId", requestId);
            MDC.put("channel", channel == null ? "http" : channel.tag());
            MDC.put("status", Integer.toString(status));
            MDC.put("outcome", outcome);
            MDC.put("latencyMs", String.format("%.3f", latencyMs));
            try {
                if (status >= 500) {
                    LOG.errorf("%s %s %s: %s in %.3f ms", model, version, requestId, outcome, latencyMs);
                } else if (status >= 400) {
                    LOG.warnf("%s %s %s: %s in %.3f ms", model, version, requestId, outcome, latencyMs);
                } else {
                    LOG.infof("%s %s %s: %s in %.3f ms", model, version, requestId, outcome, latencyMs);
                }
            } finally {
                for (String key : new String[] { "model", "version", "requestId", "channel", "status", "outcome",
                        "latencyMs" }) {
                    MDC.remove(key);
                }
            }
        });
    }

    private static String requestId(MultiMap headers) {
        String id = headers.get("ce-id");
        if (id == null) {
            id = headers.get("X-Request-Id");
        }
        return id == null ? "-" : id;
    }
}
