package dev.scoring.runtime.http;

import java.util.function.Predicate;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.scoring.runtime.ErrorBody;
import dev.scoring.runtime.Refusal;
import dev.scoring.runtime.ScoringConfig;
import dev.scoring.runtime.ScoringException;
import dev.scoring.runtime.metrics.ScoringMetrics;
import io.quarkus.oidc.OIDCException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * The failure handler of every function path: answers each failed request with a JSON
 * {@link ErrorBody} and counts it in {@code scoring_errors_total}. A refusal's status comes from its kind
 * ({@link #statusOf}, the only place a refusal becomes an HTTP status: 4xx, or 503 while the model is not
 * loaded); a request Quarkus' HTTP security refused is answered 401 (with the
 * {@code WWW-Authenticate: Bearer} challenge) or 403 the same way; bare statuses from Vert.x or Funqy are
 * given a body; anything unexpected is logged with its stack trace here and answered 500 without one.
 */
public class ErrorResponder implements Handler<RoutingContext> {

    private static final Logger LOG = Logger.getLogger(ErrorResponder.class);

    private final ObjectMapper mapper;
    private final ScoringMetrics metrics;
    private final ScoringConfig config;
    /** Whether a refused token could not be verified because its keys are unavailable (event deliveries). */
    private final Predicate<RoutingContext> keysUnavailableFor;

    public ErrorResponder(ObjectMapper mapper, ScoringMetrics metrics, ScoringConfig config,
            Predicate<RoutingContext> keysUnavailableFor) {
        this.mapper = mapper;
        this.metrics = metrics;
        this.config = config;
        this.keysUnavailableFor = keysUnavailableFor;
    }

    @Override
    public void handle(RoutingContext rc) {
        if (rc.normalizedPath().startsWith("/q/")) {
            rc.next(); // Quarkus' own endpoints keep Quarkus' own error handling
            return;
        }
        Answer answer = toAnswer(rc);
        RequestState state = RequestState.of(rc);
        state.error(answer.error());
        metrics.refused(state.channel(), answer.error());
        if (rc.response().headWritten()) {
            rc.response().end(); // the answer had started; nothing more can be said
            return;
        }
        byte[] body;
        try {
            // The Open Inference Protocol has its own error shape: {"error": "<message>"}.
            Object document = rc.normalizedPath().startsWith("/v2")
                    ? java.util.Map.of("error", answer.error() + ": " + answer.detail()
                            + (answer.field() == null ? "" : " (" + answer.field() + ")"))
                    : new ErrorBody(answer.error(), answer.field(), answer.detail());
            body = mapper.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            body = "{\"error\":\"internal_error\",\"field\":null,\"detail\":null}".getBytes();
        }
        rc.response()
                .setStatusCode(answer.status())
                .putHeader("Content-Type", "application/json")
                .end(io.vertx.core.buffer.Buffer.buffer(body));
    }

    /** Whether the failure or one of its causes is of one of the given types. */
    private static boolean causedBy(Throwable failure, Class<?>... types) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (Class<?> type : types) {
                if (type.isInstance(t)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The HTTP status of each kind of refusal: the one place a refusal becomes a status code. */
    static int statusOf(Refusal refusal) {
        return switch (refusal.kind()) {
            case INVALID_INPUT -> 400;
            case NOT_FOUND -> 404;
            case UNAUTHENTICATED -> 401;
            case FORBIDDEN -> 403;
            case NOT_ALLOWED -> 405;
            case TOO_LARGE -> 413;
            case UNSUPPORTED_MEDIA_TYPE -> 415;
            case FAILED -> 500;
            case NOT_IMPLEMENTED -> 501;
            case UNAVAILABLE -> 503;
        };
    }

    private record Answer(int status, String error, String field, String detail) {

        static Answer of(ScoringException refusal) {
            return new Answer(statusOf(refusal.refusal()), refusal.error(), refusal.field(), refusal.detail());
        }
    }

    private Answer toAnswer(RoutingContext rc) {
        boolean keysUnavailable = causedBy(rc.failure(), OIDCException.class)
                || (causedBy(rc.failure(), AuthenticationFailedException.class, UnauthorizedException.class)
                        && keysUnavailableFor.test(rc));
        if (keysUnavailable) {
            // Quarkus OIDC could not reach the signing keys (JWKS or discovery): the caller may be right, the
            // function cannot tell yet. Not the caller's fault, and it may pass later: 503, not 401 or 500.
            LOG.warnf("Cannot verify the bearer token of %s %s: %s", rc.request().method(), rc.normalizedPath(),
                    rc.failure().getMessage());
            return Answer.of(new ScoringException(Refusal.AUTHENTICATION_UNAVAILABLE, "Authorization",
                    "the keys that verify tokens cannot be fetched right now (see readiness); try again later"));
        }
        for (Throwable t = rc.failure(); t != null; t = t.getCause()) {
            if (t instanceof ScoringException e) {
                return Answer.of(e);
            }
            // Quarkus' HTTP security refused the request before it reached a function (scoring.auth.enabled).
            if (t instanceof AuthenticationFailedException || t instanceof UnauthorizedException) {
                rc.response().putHeader("WWW-Authenticate", "Bearer");
                return Answer.of(new ScoringException(Refusal.UNAUTHENTICATED, "Authorization",
                        "send a valid bearer token: Authorization: Bearer <JWT> (its signature, issuer, audience "
                                + "and expiry are checked)"));
            }
            if (t instanceof ForbiddenException) {
                return Answer.of(new ScoringException(Refusal.FORBIDDEN, "Authorization",
                        "the token is valid but lacks the role this operation needs"));
            }
            if (t.getCause() == t) {
                break;
            }
        }
        if (rc.failure() != null) {
            LOG.errorf(rc.failure(), "Unexpected failure on %s %s", rc.request().method(), rc.normalizedPath());
            return Answer.of(new ScoringException(Refusal.INTERNAL_ERROR, null,
                    "the function failed unexpectedly; the cause is in its log"));
        }
        int status = rc.statusCode();
        return switch (status) {
            case 404 -> Answer.of(new ScoringException(Refusal.NOT_FOUND, null,
                    "no function at " + rc.normalizedPath() + "; POST JSON to /predict or a CloudEvent to /"));
            case 405 -> Answer.of(new ScoringException(Refusal.METHOD_NOT_ALLOWED, null,
                    "POST a JSON body to /predict, or send a CloudEvent to /"));
            case 406, 415 -> Answer.of(new ScoringException(Refusal.UNSUPPORTED_MEDIA_TYPE, "Content-Type",
                    "send application/json, or a CloudEvent in binary or structured mode"));
            case 413 -> Answer.of(new ScoringException(Refusal.BODY_TOO_LARGE, null,
                    "the request body is larger than " + config.limits().maxBodySize().asLongValue()
                            + " bytes (scoring.limits.max-body-size)"));
            default -> {
                if (status >= 400 && status < 500) {
                    // a status Vert.x chose on its own (e.g. 431): kept, with a generic body
                    yield new Answer(status, "bad_request", null, "the request was refused");
                }
                LOG.errorf("Request to %s failed with status %d", rc.normalizedPath(), status);
                yield Answer.of(new ScoringException(Refusal.INTERNAL_ERROR, null,
                        "the function failed unexpectedly; the cause is in its log"));
            }
        };
    }
}
