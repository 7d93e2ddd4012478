package dev.scoring.runtime.security;

import java.net.URI;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.quarkus.arc.lookup.LookupIfProperty;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.StartupEvent;

/**
 * Readiness of token verification: DOWN, with the URL and the reason, while the keys that verify users' bearer
 * tokens cannot be fetched (the JWKS, or the discovery document that names it). Quarkus OIDC starts anyway
 * when its provider is unreachable and tries again on the next request, so the function must not crash or be
 * restarted; but a caller would only get 503 {@code authentication_unavailable}, and Knative should not
 * route to it meanwhile. Quarkus' own OIDC health check reports a tenant without discovery as "Unknown" and
 * does not say why, hence this one. The probing is {@link KeysEndpointProbe}'s: never on the probe's thread.
 */
@Readiness
@ApplicationScoped
@LookupIfProperty(name = "scoring.auth.enabled", stringValue = "true")
// Part of builds with Quarkus OIDC only (quarkus.oidc.enabled; without it, AuthenticationNotBuilt).
@IfBuildProperty(name = "quarkus.oidc.enabled", stringValue = "true")
public class SigningKeysCheck implements HealthCheck {

    private final Optional<KeysEndpointProbe> keys;

    SigningKeysCheck(@ConfigProperty(name = "quarkus.oidc.public-key") Optional<String> publicKey,
            @ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> authServerUrl,
            @ConfigProperty(name = "quarkus.oidc.discovery-enabled", defaultValue = "true") boolean discovery,
            @ConfigProperty(name = "quarkus.oidc.jwks-path") Optional<String> jwksPath) {
        this.keys = publicKey.isPresent() ? Optional.empty()
                : authServerUrl.map(server -> new KeysEndpointProbe(keysUrl(server, discovery, jwksPath),
                        Optional.empty(), Optional::empty));
    }

    /** Where Quarkus OIDC gets its keys: the discovery document, or the JWKS at {@code jwks-path}. */
    static URI keysUrl(String authServerUrl, boolean discovery, Optional<String> jwksPath) {
        String base = authServerUrl.endsWith("/") ? authServerUrl : authServerUrl + "/";
        if (discovery) {
            return URI.create(base + ".well-known/openid-configuration");
        }
        String path = jwksPath.orElse("protocol/openid-connect/certs");
        return path.startsWith("http://") || path.startsWith("https://") ? URI.create(path)
                : URI.create(base + (path.startsWith("/") ? path.substring(1) : path));
    }

    void fetchAtStart(@Observes StartupEvent start) {
        keys.ifPresent(KeysEndpointProbe::refreshIfStale);
    }

    @Override
    public HealthCheckResponse call() {
        if (keys.isEmpty()) {
            return HealthCheckResponse.named("token-signing-keys").up()
                    .withData("keys", "quarkus.oidc.public-key (no network)").build();
        }
        return keys.get().respond("token-signing-keys",
                "bearer tokens cannot be verified, scoring answers 503 authentication_unavailable");
    }
}
