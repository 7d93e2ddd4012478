package dev.scoring.deployment;

import dev.scoring.runtime.model.ModelDescriptor;

import io.quarkus.builder.item.SimpleBuildItem;

/** The model packaged in the application, verified at build time. */
final class PackagedModelBuildItem extends SimpleBuildItem {

    private final String location;
    private final ModelDescriptor descriptor;

    PackagedModelBuildItem(String location, ModelDescriptor descriptor) {
        this.location = location;
        this.descriptor = descriptor;
    }

    /** Its {@code scoring.model.location}, e.g. {@code classpath:model}. */
    String location() {
        return location;
    }

    /** Its descriptor, verified against the model file. */
    ModelDescriptor descriptor() {
        return descriptor;
    }

    String name() {
        return descriptor.name();
    }

    String version() {
        return descriptor.version();
    }

    /** SHA-256 of the model file, as its descriptor records and the build verified. */
    String sha256() {
        return descriptor.model().sha256();
    }
}
