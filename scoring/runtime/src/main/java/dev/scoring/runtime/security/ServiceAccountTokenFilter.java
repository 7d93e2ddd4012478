package dev.scoring.runtime.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.scoring.runtime.ScoringConfig;
import io.quarkus.arc.Unremovable;
import io.quarkus.oidc.TenantFeature;
import io.quarkus.oidc.common.OidcEndpoint;
import io.quarkus.oidc.common.OidcRequestFilter;

/**
 * Sends the pod's own service-account token when the {@value ScoringCallerPolicy#EVENTING_TENANT} tenant
 * fetches the cluster's signing keys: the API server serves its JWKS only to authenticated callers (every
 * service account may read it, through the default {@code system:service-account-issuer-discovery} binding).
 * The token file is read on each fetch because the kubelet rotates it.
 */
@ApplicationScoped
@Unremovable // Quarkus OIDC looks its filters up at run time
@TenantFeature(ScoringCallerPolicy.EVENTING_TENANT)
@OidcEndpoint(OidcEndpoint.Type.JWKS)
public class ServiceAccountTokenFilter implements OidcRequestFilter {

    private static final Logger LOG = Logger.getLogger(ServiceAccountTokenFilter.class);

    private final Path tokenFile;

    ServiceAccountTokenFilter(ScoringConfig config) {
        this.tokenFile = Path.of(config.auth().eventing().serviceAccountToken());
    }

    @Override
    public void filter(OidcRequestContext context) {
        try {
            String token = Files.readString(tokenFile).trim();
            context.request().putHeader("Authorization", "Bearer " + token);
        } catch (IOException e) {
            // The fetch goes ahead without a token; the API server refuses it and readiness says so.
            LOG.warnf("Cannot read the service-account token %s to fetch the cluster's keys: %s", tokenFile, e);
        }
    }
}
