package dev.scoring.runtime.security;

import jakarta.enterprise.context.ApplicationScoped;

import dev.scoring.runtime.ScoringConfig;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * The HTTP security policy of {@code /q/metrics} when authentication is on: a token is required unless
 * {@code scoring.auth.protect-metrics=false} leaves metrics to the NetworkPolicy (a Prometheus that cannot
 * send a token). Named {@value #NAME} in {@code quarkus.http.auth.permission.*.policy}.
 */
@ApplicationScoped
public class MetricsPolicy implements HttpSecurityPolicy {

    public static final String NAME = "scoring-metrics";

    private final boolean protect;

    MetricsPolicy(ScoringConfig config) {
        this.protect = config.auth().protectMetrics();
    }

    @Override
    public Uni<CheckResult> checkPermission(RoutingContext request, Uni<SecurityIdentity> identity,
            AuthorizationRequestContext context) {
        if (!protect) {
            return CheckResult.permit();
        }
        return identity.map(caller -> caller.isAnonymous() ? CheckResult.DENY : CheckResult.PERMIT);
    }

    @Override
    public String name() {
        return NAME;
    }
}
