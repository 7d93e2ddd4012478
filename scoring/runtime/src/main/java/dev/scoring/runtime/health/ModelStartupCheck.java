package dev.scoring.runtime.health;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

import dev.scoring.runtime.ServedModel;

/**
 * Started once model loading has been attempted: the {@link ServedModel} bean exists only after that,
 * so answering at all means started. A model that failed to load still counts as started: restarting
 * the container would not repair the file, so readiness, not a restart loop, is what keeps traffic away.
 */
@Startup
@Singleton
public class ModelStartupCheck implements HealthCheck {

    /** Injected so that this check cannot answer before loading has been attempted. */
    ModelStartupCheck(ServedModel servedModel) {
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("model-loading").up().build();
    }
}
