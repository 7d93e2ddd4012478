package dev.scoring.runtime.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.scoring.runtime.ScoringConfig;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.StartupEvent;

/**
 * A function built without Quarkus OIDC ({@code quarkus.oidc.enabled=false}, the extension's default: its
 * start-up work costs every cold start of a function that never authenticates) cannot verify a token. Asked
 * to at run time, it refuses to start rather than serve without the authentication it was told to require.
 */
@ApplicationScoped
@IfBuildProperty(name = "quarkus.oidc.enabled", stringValue = "false")
class AuthenticationNotBuilt {

    static final String MESSAGE = "%s=true, but this function was built without bearer-token authentication:"
            + " build it with quarkus.oidc.enabled=true (docs/security.md)";

    void check(@Observes StartupEvent start, ScoringConfig config) {
        if (config.auth().enabled()) {
            throw new IllegalStateException(MESSAGE.formatted("scoring.auth.enabled"));
        }
        if (config.auth().eventing().enabled()) {
            throw new IllegalStateException(MESSAGE.formatted("scoring.auth.eventing.enabled"));
        }
    }
}
