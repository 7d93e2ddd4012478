package dev.scoring.runtime.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * Whether one endpoint serving token signing keys can be fetched, for a readiness check. The check never
 * waits on the network: it answers the last known state, and starts a new fetch in the background when that
 * state is older than {@link #RECHECK_UP} (or {@link #RECHECK_DOWN} while failing), so Knative's aggressive
 * readiness probing does not turn into requests to the identity provider or the API server.
 */
final class KeysEndpointProbe {

    static final Duration RECHECK_UP = Duration.ofSeconds(30);
    static final Duration RECHECK_DOWN = Duration.ofSeconds(2);
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final URI url;
    private final HttpClient http;
    private final Supplier<Optional<String>> authorization;
    private final AtomicBoolean fetching = new AtomicBoolean();
    private volatile State state = new State(false, "the signing keys have not been fetched yet", 0);

    private record State(boolean reachable, String detail, long checkedAtNanos) {
    }

    /**
     * @param tls the trust to check the endpoint's certificate against; the JVM's default when empty
     * @param authorization the {@code Authorization} header to send on each fetch, if any
     */
    KeysEndpointProbe(URI url, Optional<SSLContext> tls, Supplier<Optional<String>> authorization) {
        this.url = url;
        HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(TIMEOUT);
        tls.ifPresent(client::sslContext);
        this.http = client.build();
        this.authorization = authorization;
    }

    /** Whether the last fetch failed (or none has completed yet). */
    boolean unavailable() {
        return !state.reachable();
    }

    /** The check's answer from the last known state; refreshes it in the background if stale. */
    HealthCheckResponse respond(String name, String consequence) {
        refreshIfStale();
        State current = state;
        HealthCheckResponseBuilder response = HealthCheckResponse.named(name).withData("url", url.toString());
        if (current.reachable()) {
            return response.up().build();
        }
        return response.down().withData("reason", current.detail() + "; " + consequence).build();
    }

    void refreshIfStale() {
        State current = state;
        Duration recheck = current.reachable() ? RECHECK_UP : RECHECK_DOWN;
        boolean stale = current.checkedAtNanos() == 0 || System.nanoTime() - current.checkedAtNanos() > recheck.toNanos();
        if (!stale || !fetching.compareAndSet(false, true)) {
            return;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(TIMEOUT).GET();
        authorization.get().ifPresent(value -> request.header("Authorization", value));
        http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding()).whenComplete((answer, failure) -> {
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
