package dev.scoring.runtime.security;

import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;

import dev.scoring.runtime.ScoringConfig;
import io.quarkus.arc.Unremovable;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.oidc.TenantFeature;
import io.quarkus.oidc.common.OidcEndpoint;
import io.quarkus.oidc.common.OidcRequestFilter;

/**
 * Sends the pod's own service-account token when the {@value ScoringCallerPolicy#EVENTING_TENANT} tenant
 * fetches the cluster's signing keys: the API server serves its JWKS only to authenticated callers (every
 * service account may read it, through the default {@code system:service-account-issuer-discovery} binding).
 */
@ApplicationScoped
@Unremovable // Quarkus OIDC looks its filters up at run time
@TenantFeature(ScoringCallerPolicy.EVENTING_TENANT)
@OidcEndpoint(OidcEndpoint.Type.JWKS)
// Part of builds with Quarkus OIDC only (quarkus.oidc.enabled; without it, AuthenticationNotBuilt).
@IfBuildProperty(name = "quarkus.oidc.enabled", stringValue = "true")
public class ServiceAccountTokenFilter implements OidcRequestFilter {

    private final ServiceAccountToken token;

    ServiceAccountTokenFilter(ScoringConfig config) {
        this.token = new ServiceAccountToken(Path.of(config.auth().eventing().serviceAccountToken()));
    }

    @Override
    public void filter(OidcRequestContext context) {
        token.authorization().ifPresent(value -> context.request().putHeader("Authorization", value));
    }
}
