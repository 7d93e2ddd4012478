package dev.scoring.runtime.security;

import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.scoring.runtime.ScoringConfig;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * The HTTP security policy of the scoring paths when authentication is on. A caller with a token of the
 * users' identity provider may use every scoring path. A Knative Eventing delivery (a token of the
 * {@value #EVENTING_TENANT} tenant: the cluster's service-account issuer) may only deliver CloudEvents to
 * {@code /}, and only as one of {@code scoring.auth.eventing.allowed-senders} when that is set: a service
 * account token is not a user's credential, and any pod of the cluster can get one. Named {@value #NAME} in
 * {@code quarkus.http.auth.permission.scoring.policy}; anonymous callers are refused (401), the others 403.
 */
@ApplicationScoped
public class ScoringCallerPolicy implements HttpSecurityPolicy {

    public static final String NAME = "scoring-callers";
    /** The Quarkus OIDC tenant verifying Knative Eventing's delivery tokens. */
    public static final String EVENTING_TENANT = "eventing";
    /** The identity attribute in which Quarkus OIDC names the tenant that verified the token. */
    static final String TENANT_ATTRIBUTE = "tenant-id";

    private final Optional<Set<String>> allowedSenders;

    ScoringCallerPolicy(ScoringConfig config) {
        this.allowedSenders = config.auth().eventing().allowedSenders().map(Set::copyOf);
    }

    @Override
    public Uni<CheckResult> checkPermission(RoutingContext request, Uni<SecurityIdentity> identity,
            AuthorizationRequestContext context) {
        return identity.map(caller -> {
            if (caller.isAnonymous()) {
                return CheckResult.DENY;
            }
            if (!isEventDelivery(caller)) {
                return CheckResult.PERMIT;
            }
            boolean toEventPath = "/".equals(request.normalizedPath());
            boolean allowedSender = allowedSenders.map(senders -> senders.contains(caller.getPrincipal().getName()))
                    .orElse(true);
            return toEventPath && allowedSender ? CheckResult.PERMIT : CheckResult.DENY;
        });
    }

    /** Whether the caller's token is a Knative Eventing delivery token rather than a user's. */
    static boolean isEventDelivery(SecurityIdentity caller) {
        return EVENTING_TENANT.equals(caller.getAttribute(TENANT_ATTRIBUTE));
    }

    @Override
    public String name() {
        return NAME;
    }
}
