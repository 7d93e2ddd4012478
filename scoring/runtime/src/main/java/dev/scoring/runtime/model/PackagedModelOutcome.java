package dev.scoring.runtime.model;

/**
 * What loading the packaged model during static initialization gave: the verified model, or why there is
 * none. In a native executable static initialization runs while the image is built, so this object, and
 * the model in it, are part of the image heap; on the JVM it is made at start-up.
 *
 * @param location where the packaged model was read from ({@code classpath:model})
 * @param model the verified model, or {@code null} when it could not be loaded
 * @param failure why it could not be loaded, or {@code null}
 */
public record PackagedModelOutcome(String location, LoadedModel model, String failure) {

    /**
     * Loads the model the build verified ({@link ModelLoader#loadVerified}); a failure is kept, not thrown.
     */
    public static PackagedModelOutcome load(ModelDescriptor descriptor, String location) {
        try {
            return new PackagedModelOutcome(location, ModelLoader.loadVerified(descriptor, location), null);
        } catch (ModelLoadException e) {
            return new PackagedModelOutcome(location, null, e.getMessage());
        }
    }
}
