package dev.scoring.runtime.security;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

import javax.net.ssl.SSLContext;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.scoring.runtime.ScoringConfig;
import io.quarkus.arc.lookup.LookupIfProperty;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;

/**
 * Readiness of event-delivery authentication ({@code scoring.auth.eventing.enabled}): DOWN, with the URL and
 * the reason, while the cluster's service-account keys cannot be fetched from the API server, fetched the way
 * the {@value ScoringCallerPolicy#EVENTING_TENANT} tenant fetches them (the pod's own token, the TLS
 * configuration the tenant names, i.e. the cluster's CA in a generated deployment). Meanwhile every Knative
 * Eventing delivery would be answered 503 {@code authentication_unavailable}, retried by Knative and finally
 * dead-lettered: better that Knative routes to instances that can verify them.
 */
@Readiness
@ApplicationScoped
@LookupIfProperty(name = "scoring.auth.eventing.enabled", stringValue = "true")
// Part of builds with Quarkus OIDC only (quarkus.oidc.enabled; without it, AuthenticationNotBuilt).
@IfBuildProperty(name = "quarkus.oidc.enabled", stringValue = "true")
public class DeliveryKeysCheck implements HealthCheck {

    static final String NAME = "eventing-signing-keys";

    /** Empty with event-delivery authentication off: the start-up observer runs whatever the lookup condition. */
    private final Optional<KeysEndpointProbe> keys;
    private final String issuer;

    DeliveryKeysCheck(ScoringConfig config, TlsConfigurationRegistry tlsConfigurations,
            @ConfigProperty(name = "quarkus.oidc.eventing.tls.tls-configuration-name") Optional<String> tlsName) {
        this.issuer = config.auth().eventing().issuer();
        ServiceAccountToken token = new ServiceAccountToken(Path.of(config.auth().eventing().serviceAccountToken()));
        boolean enabled = config.auth().enabled() && config.auth().eventing().enabled();
        this.keys = !enabled ? Optional.empty()
                : Optional.of(new KeysEndpointProbe(URI.create(config.auth().eventing().jwksUrl()),
                        tlsName.flatMap(tlsConfigurations::get).map(DeliveryKeysCheck::sslContext),
                        token::authorization));
    }

    private static SSLContext sslContext(TlsConfiguration tls) {
        try {
            return tls.createSSLContext();
        } catch (Exception e) {
            // Quarkus OIDC uses the same configuration and would fail the same way: say it at start.
            throw new IllegalStateException("Cannot use the TLS configuration of the cluster's key endpoint: " + e, e);
        }
    }

    /**
     * Whether a request's token would have been verified with the cluster's keys, had they been available: it
     * claims the cluster's issuer while the keys cannot be fetched. Quarkus OIDC then answers it as if it were
     * a bad token (the tenant chosen by issuer is not ready); the caller, Knative, should be told to retry.
     */
    public boolean cannotVerify(String authorization) {
        return keys.isPresent() && keys.get().unavailable() && ClaimedIssuer.of(authorization).filter(issuer::equals).isPresent();
    }

    void fetchAtStart(@Observes StartupEvent start) {
        keys.ifPresent(KeysEndpointProbe::refreshIfStale);
    }

    @Override
    public HealthCheckResponse call() {
        if (keys.isEmpty()) {
            return HealthCheckResponse.named(NAME).up().withData("keys", "event-delivery authentication is off").build();
        }
        return keys.get().respond(NAME, "Knative Eventing deliveries cannot be verified, they are answered 503 "
                + "authentication_unavailable (Knative retries them, then dead-letters them)");
    }
}
