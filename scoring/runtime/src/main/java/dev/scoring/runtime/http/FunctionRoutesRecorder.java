package dev.scoring.runtime.http;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.health.Readiness;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.scoring.runtime.EventTypesConfig;
import dev.scoring.runtime.ScoringConfig;
import dev.scoring.runtime.ServedModel;
import dev.scoring.runtime.metrics.ScoringMetrics;
import dev.scoring.runtime.security.BearerToken;
import dev.scoring.runtime.security.DeliveryKeysCheck;
import dev.scoring.runtime.security.ExplainPolicy;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.arc.runtime.BeanContainer;
import io.quarkus.funqy.runtime.FunctionConstructor;
import io.quarkus.funqy.runtime.FunctionRecorder;
import io.quarkus.runtime.ShutdownContext;
import io.quarkus.runtime.annotations.Recorder;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Makes the handlers of the routes the extension's deployment module registers at build time: the
 * function routes (the HTTP binding of the Funqy functions), the JSON failure handler and the JSON 404
 * for paths nothing answers. The Open Inference Protocol has its own ({@code V2RoutesRecorder}).
 */
@Recorder
public class FunctionRoutesRecorder {

    /**
     * @param plainFunctionsByPath function names by the path of their plain JSON route, e.g.
     *        {@code /predict -> predict}
     * @param eventFunctionsByType function names by the CloudEvent type routed to them, as the build resolved
     *        {@code quarkus.funqy.knative-events.mapping.<function>.trigger}
     */
    public Handler<RoutingContext> functions(Map<String, String> plainFunctionsByPath,
            Map<String, String> eventFunctionsByType, BeanContainer beans, ShutdownContext shutdown) {
        // Funqy's invokers make their function objects through this container.
        FunctionConstructor.CONTAINER = beans;
        shutdown.addShutdownTask(() -> FunctionConstructor.CONTAINER = null);
        ArcContainer arc = Arc.container();
        ObjectMapper mapper = arc.instance(ObjectMapper.class).get();
        FunctionRequestReader reader = new FunctionRequestReader(mapper, arc.instance(EventTypesConfig.class).get(),
                invokers(plainFunctionsByPath), invokers(eventFunctionsByType), explanationCallers(arc));
        return new FunctionRouteHandler(reader, new ReplyWriter(mapper), arc.instance(ServedModel.class).get());
    }

    /**
     * Who may have an explanation CloudEvent answered: anyone without authentication; with it, the callers
     * {@link ExplainPolicy} admits. Quarkus has authenticated the request before the function route runs.
     */
    private static Predicate<RoutingContext> explanationCallers(ArcContainer arc) {
        if (!arc.instance(ScoringConfig.class).get().auth().enabled()) {
            return rc -> true;
        }
        ExplainPolicy policy = arc.instance(ExplainPolicy.class).get();
        return rc -> rc.user() instanceof QuarkusHttpUser user && policy.mayExplainByEvent(user.getSecurityIdentity());
    }

    /** Event deliveries whose token cannot be verified for now: the cluster's keys are unavailable. */
    private static Predicate<RoutingContext> deliveriesThatCannotBeVerified(ArcContainer arc, ScoringConfig config) {
        if (!config.auth().enabled() || !config.auth().eventing().enabled()) {
            return rc -> false;
        }
        // A health check's bean carries its @Readiness qualifier.
        DeliveryKeysCheck keys = arc.instance(DeliveryKeysCheck.class, Readiness.Literal.INSTANCE).get();
        return rc -> keys.cannotVerify(rc.request().getHeader(HttpHeaders.AUTHORIZATION));
    }

    /** Answers every failed request on a path the extension serves with a JSON refusal. */
    public Handler<RoutingContext> errors() {
        ArcContainer arc = Arc.container();
        ScoringConfig config = arc.instance(ScoringConfig.class).get();
        return new ErrorResponder(arc.instance(ObjectMapper.class).get(), arc.instance(ScoringMetrics.class).get(),
                config, deliveriesThatCannotBeVerified(arc, config));
    }

    /**
     * With {@code scoring.auth.enabled}, refuses a request to a protected path that carries no bearer token
     * (no {@code Authorization} header, another scheme, or {@code "Bearer "} alone) with the same JSON 401 as a
     * bad token (Quarkus' own challenge for a missing credential has an empty body). The protected paths are those of the
     * {@code quarkus.http.auth.permission.scoring} and {@code .explain} permissions, read here so that the
     * two cannot disagree. Registered as a filter just ahead of Quarkus' authentication.
     */
    public Handler<RoutingContext> missingCredential() {
        ArcContainer arc = Arc.container();
        if (!arc.instance(ScoringConfig.class).get().auth().enabled()) {
            return RoutingContext::next;
        }
        ProtectedPaths paths = ProtectedPaths.of(ConfigProvider.getConfig(), "scoring", "explain");
        return rc -> {
            String authorization = rc.request().getHeader(HttpHeaders.AUTHORIZATION);
            if (BearerToken.of(authorization).isEmpty() && paths.protect(rc.normalizedPath())) {
                // Answered by ErrorResponder, like a token that fails verification.
                rc.fail(new AuthenticationFailedException(authorization == null ? "no Authorization header"
                        : "the Authorization header holds no bearer token"));
            } else {
                rc.next();
            }
        };
    }

    /** Turns a request no route answers into a JSON 404, except under Quarkus' own {@code /q/}. */
    public Handler<RoutingContext> notFound() {
        return rc -> {
            if (rc.normalizedPath().startsWith("/q/")) {
                rc.next();
            } else {
                rc.fail(404);
            }
        };
    }

    /** Every path: where the failure handler is installed. */
    public Function<Router, Route> everyPath() {
        return Router::route;
    }

    /** Every path, after every other route: where requests nothing answered end. */
    public Function<Router, Route> afterEveryRoute() {
        return router -> router.route().last();
    }

    /** Restricts a route to one HTTP method. */
    public Consumer<Route> method(String method) {
        HttpMethod httpMethod = HttpMethod.valueOf(method);
        return route -> route.method(httpMethod);
    }

    private static Map<String, BoundFunction> invokers(Map<String, String> functionNames) {
        Map<String, BoundFunction> invokers = new HashMap<>();
        functionNames.forEach((key, name) -> invokers.put(key, BoundFunction.of(FunctionRecorder.registry.matchInvoker(name))));
        return Map.copyOf(invokers);
    }
}
