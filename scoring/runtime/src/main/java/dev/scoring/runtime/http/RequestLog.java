package dev.scoring.runtime.http;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import dev.scoring.runtime.Channel;
import dev.scoring.runtime.model.LoadedModel;
import dev.scoring.runtime.ServedModel;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * One log line per scoring request, written when the response has been sent: model, version,
 * request id, channel, HTTP status, outcome (success or the error code) and latency, as MDC fields
 * (JSON fields in production). Feature values are never logged.
 * <p>
 * The request id is the CloudEvent id for events, else the {@code X-Request-Id} header, else
 * {@code -}. Category {@code dev.scoring.request}, at WARN by default: refusals (WARN) and failures
 * (ERROR) are always logged; a line for every scored request is opt-in (set the category to INFO),
 * because at full load writing it cost about a fifth of a one-row request's CPU (bench/FINDINGS.md).
 */
public final class RequestLog {

    private static final Logger LOG = Logger.getLogger("dev.scoring.request");
    private static final String[] MDC_KEYS = { "model", "version", "requestId", "channel", "status", "outcome",
            "latencyMs" };

    private RequestLog() {
    }

    /** Logs the request when answered, as having arrived by {@code channel}; other adapters on HTTP use this too. */
    public static void install(RoutingContext rc, ServedModel models, Channel channel) {
        RequestState.of(rc).channel(channel);
        install(rc, models);
    }

    static void install(RoutingContext rc, ServedModel models) {
        long start = System.nanoTime();
        String headerId = requestId(rc.request().headers());
        rc.addEndHandler(done -> {
            int status = rc.response().getStatusCode();
            Logger.Level level = status >= 500 ? Logger.Level.ERROR : status >= 400 ? Logger.Level.WARN : Logger.Level.INFO;
            // Checked first: with successes off (the default) a scored request costs no formatting and no MDC.
            if (!LOG.isEnabled(level)) {
                return;
            }
            RequestState state = RequestState.of(rc);
            String requestId = state.requestId() != null ? state.requestId() : headerId;
            String error = state.error();
            Channel channel = state.channel();
            String model = "-";
            String version = "-";
            if (models.isReady()) {
                LoadedModel loaded = models.require();
                model = loaded.name();
                version = loaded.version();
            }
            String latencyMs = millis(System.nanoTime() - start);
            String outcome = status < 400 ? "success" : error != null ? error : "error";
            MDC.put("model", model);
            MDC.put("version", version);
            MDC.put("requestId", requestId);
            MDC.put("channel", channel.tag());
            MDC.put("status", Integer.toString(status));
            MDC.put("outcome", outcome);
            MDC.put("latencyMs", latencyMs);
            try {
                LOG.log(level, model + ' ' + version + ' ' + requestId + ": " + outcome + " in " + latencyMs + " ms");
            } finally {
                for (String key : MDC_KEYS) {
                    MDC.remove(key);
                }
            }
        });
    }

    /** Nanoseconds as milliseconds with three decimals, without {@code String.format}'s cost. */
    static String millis(long nanos) {
        long micros = Math.max(0, nanos) / 1_000;
        long fraction = micros % 1_000;
        return (micros / 1_000) + (fraction < 10 ? ".00" : fraction < 100 ? ".0" : ".") + fraction;
    }

    private static String requestId(MultiMap headers) {
        String id = headers.get("ce-id");
        if (id == null) {
            id = headers.get("X-Request-Id");
        }
        return id == null ? "-" : id;
    }
}
