package dev.scoring.runtime.model;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.scoring.runtime.ScoringConfig;
import dev.scoring.runtime.ScoringException;
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

    private final ScoringConfig config;
    private final ObjectMapper mapper;

    private volatile LoadedModel model;
    private volatile String failure;
    private volatile boolean attempted;

    ModelHolder(ScoringConfig config, ObjectMapper mapper) {
        this.config = config;
        this.mapper = mapper;
    }

    void onStart(@Observes StartupEvent event) {
        load();
    }

    synchronized void load() {
        String location = config.model().location();
        long start = System.nanoTime();
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
