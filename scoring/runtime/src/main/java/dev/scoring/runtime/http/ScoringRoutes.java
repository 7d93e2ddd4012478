package dev.scoring.runtime.http;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.scoring.runtime.EventTypesConfig;
import dev.scoring.runtime.ScoringConfig;
import dev.scoring.runtime.ServedModel;
import dev.scoring.runtime.metrics.ScoringMetrics;

import io.vertx.ext.web.Router;

/**
 * Installs the {@link CloudEventGuard} and the {@link ErrorResponder} on the application router.
 * <p>
 * Order matters: Quarkus reads the body at {@code Integer.MIN_VALUE + 1}; the guard needs the body
 * and must run before Funqy's routes (which get small positive orders), so it sits at -1000. The
 * failure handler sits first of all, so that it also answers a body that is too large, refused by
 * the body handler itself. A last route turns requests no function answers into a JSON 404.
 */
@Singleton
public class ScoringRoutes {

    static final int GUARD_ORDER = -1_000;

    void install(@Observes Router router, ObjectMapper mapper, ScoringConfig config, EventTypesConfig events,
            ScoringMetrics metrics, ServedModel models, ScoringFunctions functions) {
        router.route().order(Integer.MIN_VALUE).failureHandler(new ErrorResponder(mapper, metrics, config));
        router.route().order(GUARD_ORDER).handler(new CloudEventGuard(mapper, events, models));
        // Plain JSON scoring right after the guard, ahead of Funqy's binding (see PredictRoute).
        router.post("/predict").order(GUARD_ORDER + 1).handler(new PredictRoute(functions, mapper));
        // Binary-mode request events, the same way (see EventRoute).
        router.post("/").order(GUARD_ORDER + 1).handler(new EventRoute(functions, mapper));
        // Unknown paths: a JSON 404 like every other refusal (Quarkus' own endpoints excepted).
        router.route().last().handler(rc -> {
            if (rc.normalizedPath().startsWith("/q/")) {
                rc.next();
            } else {
                rc.fail(404);
            }
        });
    }
}
