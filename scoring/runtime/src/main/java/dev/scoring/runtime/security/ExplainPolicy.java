package dev.scoring.runtime.security;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.scoring.runtime.ScoringConfig;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * The HTTP security policy of {@code POST /explain} when authentication is on: an explanation reveals more
 * of the model than a score, so a deployment may reserve it for a role ({@code scoring.auth.explain-role});
 * without one, any authenticated caller may ask. Named {@value #NAME} in
 * {@code quarkus.http.auth.permission.*.policy}.
 */
@ApplicationScoped
public class ExplainPolicy implements HttpSecurityPolicy {

    public static final String NAME = "scoring-explain";

    private final Optional<String> role;

    ExplainPolicy(ScoringConfig config) {
        this.role = config.auth().explainRole().filter(r -> !r.isBlank());
    }

    @Override
    public Uni<CheckResult> checkPermission(RoutingContext request, Uni<SecurityIdentity> identity,
            AuthorizationRequestContext context) {
        return identity.map(caller -> {
            if (caller.isAnonymous() || ScoringCallerPolicy.isEventDelivery(caller)) {
                return CheckResult.DENY; // event deliveries go to /, never to /explain
            }
            return role.map(caller::hasRole).orElse(true) ? CheckResult.PERMIT : CheckResult.DENY;
        });
    }

    /**
     * Whether the caller of an explanation CloudEvent posted to {@code /} may have it answered: a user's token
     * needs the role, as on {@code /explain}. A Knative Eventing delivery (the function's own explanation
     * Trigger) may: who may send explanation requests to the Broker is the Broker's policy to say (an
     * {@code EventPolicy}), and its senders' tokens do not reach the function.
     */
    public boolean mayExplainByEvent(SecurityIdentity caller) {
        if (caller == null || caller.isAnonymous()) {
            return false;
        }
        return ScoringCallerPolicy.isEventDelivery(caller) || role.map(caller::hasRole).orElse(true);
    }

    @Override
    public String name() {
        return NAME;
    }
}
