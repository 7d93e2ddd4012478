package dev.scoring.runtime.security;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Remembers each bearer token Quarkus OIDC has just verified, with the identity it made, in
 * {@link VerifiedTokens}. Runs after every other augmentor (lowest priority), so the identity remembered is
 * the one the request finally had. Only JWTs are remembered: their {@code exp} bounds the entry.
 */
@ApplicationScoped
// Part of builds with Quarkus OIDC only (quarkus.oidc.enabled; without it, AuthenticationNotBuilt).
@IfBuildProperty(name = "quarkus.oidc.enabled", stringValue = "true")
public class VerifiedTokenRecorder implements SecurityIdentityAugmentor {

    private final VerifiedTokens verified;

    VerifiedTokenRecorder(VerifiedTokens verified) {
        this.verified = verified;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (verified.enabled() && !identity.isAnonymous()
                && identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getExpirationTime() > 0) {
            AccessTokenCredential token = identity.getCredential(AccessTokenCredential.class);
            if (token != null && token.getToken() != null) {
                verified.remember(token.getToken(), withoutRequestState(identity), jwt.getExpirationTime() * 1000);
            }
        }
        return Uni.createFrom().item(identity);
    }

    /** The identity without what belongs to the request that brought the token, which must not outlive it. */
    private static SecurityIdentity withoutRequestState(SecurityIdentity identity) {
        return QuarkusSecurityIdentity.builder(identity)
                .addAttribute(RoutingContext.class.getName(), null)
                .addAttribute(AuthenticationRequestContext.class.getName(), null)
                .build();
    }

    @Override
    public int priority() {
        return Integer.MIN_VALUE;
    }
}
