package dev.scoring.runtime.model;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.scoring.runtime.ScoringConfig;
import dev.scoring.runtime.ScoringException;
import io.quarkus.runtime.ImageMode;
import io.quarkus.runtime.StartupEvent;

/**
 * Loads the function's model once, at start-up, and keeps it or the reason it could not be loaded.
 * <p>
 * A model that fails to load does not stop the process: the function starts, readiness stays DOWN
 * with the reason, every scoring request gets HTTP 503, and the log says why. Kubernetes then keeps
 * traffic away from it and the operator sees the cause instead of a crash loop.
 */
@Singleton
public class ModelHolder {

    private static final Logger LOG = Logger.getLogger(ModelHolder.class);
    public static final String ORIGIN_EMBEDDED = "embedded";
    public static final String ORIGIN_STARTUP = "startup";

    private final ScoringConfig config;
    private final ObjectMapper mapper;

    private volatile LoadedModel model;
    private volatile String failure;
    private volatile boolean attempted;
    private volatile String origin;

    ModelHolder(ScoringConfig config, ObjectMapper mapper) {
        this.config = config;
        this.mapper = mapper;
    }

    void onStart(@Observes StartupEvent event) {
        load();
    }

    synchronized void load() {
        String location = config.model().location();
        if (location.equals(EmbeddedModel.location())) {
            useEmbedded(location);
            return;
        }
        attempted = true;
        if (ImageMode.current() == ImageMode.NATIVE_RUN) {
            // Constant-folded by the native image builder (the image-code system property is fixed at
            // build time): Tribuo's reflective loading below is not even part of a native executable,
            // so it cannot fail there for want of reflection metadata. Quarkus' ImageMode rather than
            // GraalVM's ImageInfo, whose SDK jar is not on a JVM function's class path.
            // The files are still verified first, so that a missing or tampered model is reported as
            // such, exactly as on the JVM.
            origin = ORIGIN_STARTUP;
            try {
                new ModelLoader(mapper).verify(location);
                failure = "a native executable serves only the model embedded at build time ("
                        + EmbeddedModel.location() + "), not scoring.model.location=" + location
                        + "; rebuild the function with that model";
            } catch (ModelLoadException e) {
                failure = e.getMessage();
            }
            LOG.errorf("Model NOT loaded, readiness stays DOWN: %s", failure);
            return;
        }
        long start = System.nanoTime();
        origin = ORIGIN_STARTUP;
        try {
            model = new ModelLoader(mapper).load(location);
            failure = null;
            LOG.infof("Model %s version %s loaded and verified from %s in %d ms (sha256 %s)",
                    model.name(), model.version(), location, (System.nanoTime() - start) / 1_000_000,
                    model.descriptor().model().sha256());
        } catch (ModelLoadException e) {
            model = null;
            failure = e.getMessage();
            LOG.errorf("Model NOT loaded, readiness stays DOWN: %s", e.getMessage());
        } finally {
            attempted = true;
        }
    }

    private void useEmbedded(String location) {
        origin = ORIGIN_EMBEDDED;
        model = EmbeddedModel.model();
        failure = EmbeddedModel.failure();
        attempted = true;
        if (model != null) {
            LOG.infof("Model %s version %s embedded from %s, verified during static initialization (sha256 %s)",
                    model.name(), model.version(), location, model.descriptor().model().sha256());
        } else {
            LOG.errorf("Model NOT loaded, readiness stays DOWN: %s", failure);
        }
    }

    /**
     * How the model was loaded: {@value #ORIGIN_EMBEDDED} (the packaged model, during static
     * initialization: at build time in a native image) or {@value #ORIGIN_STARTUP} (from
     * {@code scoring.model.location} at start-up).
     */
    public String origin() {
        return origin;
    }

    public boolean isReady() {
        return model != null;
    }

    /** Whether loading has been tried, successfully or not. */
    public boolean loadAttempted() {
        return attempted;
    }

    /** Why the model is not ready, or {@code null} when it is. */
    public String failure() {
        return failure;
    }

    /**
     * @throws ScoringException HTTP 503 when no verified model is loaded
     */
    public LoadedModel require() {
        LoadedModel current = model;
        if (current == null) {
            throw new ScoringException(503, "model_unavailable", null,
                    failure != null ? "the model is not loaded: " + failure : "the model is still loading");
        }
        return current;
    }
}
