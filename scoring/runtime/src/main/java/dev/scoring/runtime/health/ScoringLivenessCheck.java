package dev.scoring.runtime.health;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive while the process can answer HTTP. Deliberately independent of the model: a bad model is a
 * readiness problem, and failing liveness for it would only restart the container in a loop.
 */
@Liveness
@Singleton
public class ScoringLivenessCheck implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.up("scoring");
    }
}
