package dev.scoring.runtime.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.quarkus.arc.lookup.LookupIfProperty;
import io.quarkus.runtime.StartupEvent;

/**
 * Readiness of token verification: DOWN, with the URL and the reason, while the keys that verify bearer
 * tokens cannot be fetched (the JWKS, or the discovery document that names it). Quarkus OIDC starts anyway
 * when its provider is unreachable and tries again on the next request, so the function must not crash or be
 * restarted; but a caller would only get 503 {@code authentication_unavailable}, and Knative should not
 * route to it meanwhile. Quarkus' own OIDC health check reports a tenant without discovery as "Unknown" and
 * does not say why, hence this one.
 * <p>
 * The probe never waits on the network: it answers the last known state, and starts a new fetch in the
 * background when that state is older than {@link #RECHECK_UP} (or {@link #RECHECK_DOWN} while failing),
 * so Knative's aggressive readiness probing does not turn into requests to the identity provider.
 */
@Readiness
@ApplicationScoped
@LookupIfProperty(name = "scoring.auth.enabled", stringValue = "true")
public class SigningKeysCheck implements HealthCheck {

    static final Duration RECHECK_UP = Duration.ofSeconds(30);
    static final Duration RECHECK_DOWN = Duration.ofSeconds(2);
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final Optional<URI> keysUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final AtomicBoolean fetching = new AtomicBoolean();
    private volatile State state = new State(false, "the signing keys have not been fetched yet", 0);

    private record State(boolean reachable, String detail, long checkedAtNanos) {
    }

    SigningKeysCheck(@ConfigProperty(name = "quarkus.oidc.public-key") Optional<String> publicKey,
            @ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> authServerUrl,
            @ConfigProperty(name = "quarkus.oidc.discovery-enabled", defaultValue = "true") boolean discovery,
            @ConfigProperty(name = "quarkus.oidc.jwks-path") Optional<String> jwksPath) {
        this.keysUrl = publicKey.isPresent() ? Optional.empty() : authServerUrl.map(server -> keysUrl(server, discovery, jwksPath));
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
        refreshIfStale();
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("token-signing-keys");
        if (keysUrl.isEmpty()) {
            return response.up().withData("keys", "quarkus.oidc.public-key (no network)").build();
        }
        refreshIfStale();
        State current = state;
        response.withData("url", keysUrl.get().toString());
        if (current.reachable()) {
            return response.up().build();
        }
        return response.down().withData("reason", current.detail()
                + "; bearer tokens cannot be verified, scoring answers 503 authentication_unavailable").build();
    }

    private void refreshIfStale() {
        State current = state;
        Duration recheck = current.reachable() ? RECHECK_UP : RECHECK_DOWN;
        boolean stale = current.checkedAtNanos() == 0 || System.nanoTime() - current.checkedAtNanos() > recheck.toNanos();
        if (keysUrl.isEmpty() || !stale || !fetching.compareAndSet(false, true)) {
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(keysUrl.get()).timeout(TIMEOUT).GET().build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((answer, failure) -> {
            if (failure != null) {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                state = new State(false, "cannot fetch the signing keys: " + cause.getClass().getSimpleName()
                        + (cause.getMessage() == null ? "" : " " + cause.getMessage()), System.nanoTime());
            } else if (answer.statusCode() != 200) {
                state = new State(false, "fetching the signing keys answered HTTP " + answer.statusCode(),
                        System.nanoTime());
            } else {
                state = new State(true, "reachable", System.nanoTime());
            }
            fetching.set(false);
        });
    }
}
