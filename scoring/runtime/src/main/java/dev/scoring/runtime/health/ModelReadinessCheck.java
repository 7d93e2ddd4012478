package dev.scoring.runtime.health;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import dev.scoring.runtime.model.LoadedModel;
import dev.scoring.runtime.ServedModel;

/** Ready only when the model is loaded and its checksum verified; DOWN says why otherwise. */
@Readiness
@Singleton
public class ModelReadinessCheck implements HealthCheck {

    private final ServedModel models;

    ModelReadinessCheck(ServedModel models) {
        this.models = models;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("model");
        if (models.isReady()) {
            LoadedModel model = models.require();
            return response.up()
                    .withData("name", model.name())
                    .withData("version", model.version())
                    .withData("sha256", model.descriptor().model().sha256())
                    .withData("origin", models.origin())
                    .build();
        }
        String reason = models.failure() != null ? models.failure() : "still loading";
        return response.down().withData("reason", reason).build();
    }
}
