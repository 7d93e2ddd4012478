package dev.scoring.deployment;

import io.quarkus.builder.item.SimpleBuildItem;

/** The model packaged in the application, verified at build time. */
final class PackagedModelBuildItem extends SimpleBuildItem {

    private final String location;
    private final String name;
    private final String version;
    private final String sha256;

    PackagedModelBuildItem(String location, String name, String version, String sha256) {
        this.location = location;
        this.name = name;
        this.version = version;
        this.sha256 = sha256;
    }

    /** Its {@code scoring.model.location}, e.g. {@code classpath:model}. */
    String location() {
        return location;
    }

    String name() {
        return name;
    }

    String version() {
        return version;
    }

    /** SHA-256 of the model file, as its descriptor records and the build verified. */
    String sha256() {
        return sha256;
    }
}
