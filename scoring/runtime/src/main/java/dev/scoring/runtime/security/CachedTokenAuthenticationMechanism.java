package dev.scoring.runtime.security;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.scoring.runtime.ScoringConfig;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers a request whose bearer token this function has already verified with the identity it had then
 * ({@link VerifiedTokens}), ahead of Quarkus OIDC. Any other request, with no token, an unknown one or one
 * whose entry has expired, is left to Quarkus OIDC, which verifies it in full and refuses it or lets
 * {@link VerifiedTokenRecorder} remember it. Challenges (the 401 answers) stay Quarkus OIDC's.
 */
@ApplicationScoped
// Part of builds with Quarkus OIDC only (quarkus.oidc.enabled; without it, AuthenticationNotBuilt).
@IfBuildProperty(name = "quarkus.oidc.enabled", stringValue = "true")
public class CachedTokenAuthenticationMechanism implements HttpAuthenticationMechanism {

    private final VerifiedTokens verified;
    private final boolean enabled;
    private final int oidcPriority;

    CachedTokenAuthenticationMechanism(VerifiedTokens verified, ScoringConfig config,
            @ConfigProperty(name = "quarkus.oidc.priority", defaultValue = "1001") int oidcPriority) {
        this.verified = verified;
        this.enabled = config.auth().enabled() && verified.enabled();
        this.oidcPriority = oidcPriority;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        if (!enabled) {
            return Uni.createFrom().nullItem();
        }
        return BearerToken.of(context.request().getHeader(HttpHeaders.AUTHORIZATION))
                .flatMap(verified::find)
                .map(identity -> Uni.createFrom().item(forThisRequest(identity, context)))
                .orElseGet(() -> Uni.createFrom().nullItem());
    }

    /** The remembered identity, bound to the current request as Quarkus OIDC binds the identities it makes. */
    private static SecurityIdentity forThisRequest(SecurityIdentity identity, RoutingContext context) {
        return QuarkusSecurityIdentity.builder(identity).addAttribute(RoutingContext.class.getName(), context).build();
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().nullItem();
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }

    /** Just before Quarkus OIDC, whatever its configured priority. */
    @Override
    public int getPriority() {
        return oidcPriority + 1;
    }
}
