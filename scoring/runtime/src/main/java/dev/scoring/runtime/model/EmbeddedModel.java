package dev.scoring.runtime.model;

/**
 * The packaged model, loaded and verified during static initialization by {@link ModelRecorder}.
 * <p>
 * In a native executable static initialization runs while the image is built, so the loaded model is
 * part of the image heap: at process start it is simply there, with no file to read, no checksum to
 * compute and no reflection to perform. On the JVM static initialization runs at start-up, so the
 * model is loaded then, exactly as before.
 */
public final class EmbeddedModel {

    private static volatile LoadedModel model;
    private static volatile String failure;
    private static volatile String location;

    private EmbeddedModel() {
    }

    static void loaded(String from, LoadedModel loaded) {
        location = from;
        model = loaded;
        failure = null;
    }

    static void failed(String from, String reason) {
        location = from;
        model = null;
        failure = reason;
    }

    /** Where the embedded model came from, or {@code null} when none was embedded. */
    public static String location() {
        return location;
    }

    public static LoadedModel model() {
        return model;
    }

    public static String failure() {
        return failure;
    }
}
