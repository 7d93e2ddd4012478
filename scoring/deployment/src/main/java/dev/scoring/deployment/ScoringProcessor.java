package dev.scoring.deployment;

import java.util.List;

import dev.scoring.runtime.JsonNumbersCustomizer;
import dev.scoring.runtime.ScoringFunctions;
import dev.scoring.runtime.ScoringService;
import dev.scoring.runtime.health.ModelReadinessCheck;
import dev.scoring.runtime.health.ModelStartupCheck;
import dev.scoring.runtime.health.ScoringLivenessCheck;
import dev.scoring.runtime.http.ScoringRoutes;
import dev.scoring.runtime.metrics.ScoringMetrics;
import dev.scoring.runtime.model.ModelHolder;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.AdditionalIndexedClassesBuildItem;
import io.quarkus.deployment.builditem.ApplicationInfoBuildItem;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.nativeimage.NativeImageResourceDirectoryBuildItem;
import io.quarkus.kubernetes.spi.DecoratorBuildItem;

/**
 * Build-time half of the scoring extension: registers the runtime's beans and Funqy functions,
 * packages the model for native images and hardens the generated Knative Service.
 */
class ScoringProcessor {

    private static final String FEATURE = "ml-scoring";
    /** Directory of the packaged model on the class path: the default {@code scoring.model.location}. */
    static final String PACKAGED_MODEL_DIR = "model";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    @BuildStep
    AdditionalBeanBuildItem beans() {
        return AdditionalBeanBuildItem.builder()
                .addBeanClasses(ModelHolder.class, ScoringService.class, ScoringMetrics.class, ScoringRoutes.class,
                        ModelReadinessCheck.class, ModelStartupCheck.class, ScoringLivenessCheck.class,
                        JsonNumbersCustomizer.class)
                .setUnremovable()
                .build();
    }

    /** Funqy finds its functions in the application index; the extension's must be added to it. */
    @BuildStep
    AdditionalIndexedClassesBuildItem functions() {
        return new AdditionalIndexedClassesBuildItem(ScoringFunctions.class.getName());
    }

    /** A native image contains only the resources it is told about. */
    @BuildStep
    NativeImageResourceDirectoryBuildItem packagedModel() {
        return new NativeImageResourceDirectoryBuildItem(PACKAGED_MODEL_DIR);
    }

    @BuildStep
    void hardenContainer(ApplicationInfoBuildItem app, BuildProducer<DecoratorBuildItem> decorators) {
        for (String target : List.of("knative", "kubernetes")) {
            decorators.produce(new DecoratorBuildItem(target, new HardenContainerSecurityDecorator(app.getName())));
        }
    }
}
