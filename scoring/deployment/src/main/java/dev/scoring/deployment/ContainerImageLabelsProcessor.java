package dev.scoring.deployment;

import java.util.Optional;

import io.quarkus.container.spi.ContainerImageLabelBuildItem;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.ApplicationInfoBuildItem;

/**
 * Labels the function's container image (built by Jib with {@code quarkus.container-image.build=true})
 * with the model it serves, as verified at build time, so that a registry or a cluster can tell which
 * model an image holds without pulling and starting it. Keys follow the OCI convention of
 * reverse-DNS label names.
 */
class ContainerImageLabelsProcessor {

    static final String LABEL_MODEL_NAME = "dev.scoring.model.name";
    static final String LABEL_MODEL_VERSION = "dev.scoring.model.version";
    static final String LABEL_MODEL_SHA256 = "dev.scoring.model.sha256";

    @BuildStep
    void labelImage(ApplicationInfoBuildItem app, Optional<PackagedModelBuildItem> model,
            BuildProducer<ContainerImageLabelBuildItem> labels) {
        labels.produce(new ContainerImageLabelBuildItem("org.opencontainers.image.title", app.getName()));
        labels.produce(new ContainerImageLabelBuildItem("org.opencontainers.image.version", app.getVersion()));
        // A function without a packaged model gets it mounted at run time: the image cannot name it.
        model.ifPresent(packaged -> {
            // Replaces the base image's description, which an image inherits otherwise.
            labels.produce(new ContainerImageLabelBuildItem("org.opencontainers.image.description",
                    "Scoring function " + app.getName() + " serving model " + packaged.name() + " " + packaged.version()));
            labels.produce(new ContainerImageLabelBuildItem(LABEL_MODEL_NAME, packaged.name()));
            labels.produce(new ContainerImageLabelBuildItem(LABEL_MODEL_VERSION, packaged.version()));
            labels.produce(new ContainerImageLabelBuildItem(LABEL_MODEL_SHA256, packaged.sha256()));
        });
    }
}
