package dev.scoring.deployment;

import io.quarkus.builder.item.SimpleBuildItem;

/** The model packaged in the application, verified at build time. */
final class PackagedModelBuildItem extends SimpleBuildItem {

    private final String location;

    PackagedModelBuildItem(String location) {
        this.location = location;
    }

    /** Its {@code scoring.model.location}, e.g. {@code classpath:model}. */
    String location() {
        return location;
    }
}
