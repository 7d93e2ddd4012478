package dev.scoring.operator;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the operator has started (its caches synced, or it stands by for the leader's lease). */
@Readiness
@ApplicationScoped
public class OperatorReadiness implements HealthCheck {

    private final OperatorLifecycle lifecycle;

    OperatorReadiness(OperatorLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("scoring-operator").status(lifecycle.started()).build();
    }
}
