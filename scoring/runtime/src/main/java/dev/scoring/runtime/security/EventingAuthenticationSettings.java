package dev.scoring.runtime.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.scoring.runtime.ScoringConfig;
import io.quarkus.runtime.StartupEvent;

/**
 * Refuses to start with an Eventing authentication that could not work: without {@code scoring.auth.enabled}
 * nothing would ask for a token, and without an audience any token of the cluster would be accepted, one
 * meant for another service included.
 */
@ApplicationScoped
class EventingAuthenticationSettings {

    void check(@Observes StartupEvent start, ScoringConfig config) {
        ScoringConfig.EventingAuthConfig eventing = config.auth().eventing();
        if (!eventing.enabled()) {
            return;
        }
        if (!config.auth().enabled()) {
            throw new IllegalStateException("scoring.auth.eventing.enabled=true needs scoring.auth.enabled=true:"
                    + " without it no path asks for a token");
        }
        if (eventing.audience().filter(audience -> !audience.isBlank()).isEmpty()) {
            throw new IllegalStateException("scoring.auth.eventing.enabled=true needs scoring.auth.eventing.audience,"
                    + " the audience Knative gives this function's delivery tokens:"
                    + " serving.knative.dev/service/<namespace>/<function>");
        }
    }
}
