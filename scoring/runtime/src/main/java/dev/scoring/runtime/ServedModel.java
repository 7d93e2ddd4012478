package dev.scoring.runtime;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.scoring.runtime.explain.Explainer;
import dev.scoring.runtime.explain.Explainers;
import dev.scoring.runtime.model.LoadedModel;
import dev.scoring.runtime.model.ModelLoadException;
import dev.scoring.runtime.model.ModelLoader;
import dev.scoring.runtime.model.PackagedModelOutcome;
import dev.scoring.runtime.validation.RequestValidator;
import io.quarkus.runtime.ImageMode;

/**
 * The model this function serves, with everything built from it once: its validator, and its explainer
 * when the first explanation is asked for (LIME's set-up is not paid by functions that never explain).
 * Or, when there is no usable model, the reason. One instance per process, made at start-up by
 * {@link ServedModelRecorder}; it never changes afterwards.
 * <p>
 * A model that fails to load does not stop the process: the function starts, readiness stays DOWN with
 * the reason, every scoring request gets HTTP 503, and the log says why. Kubernetes then keeps traffic
 * away from it and the operator sees the cause instead of a crash loop.
 */
public final class ServedModel {

    private static final Logger LOG = Logger.getLogger(ServedModel.class);
    public static final String ORIGIN_EMBEDDED = "embedded";
    public static final String ORIGIN_STARTUP = "startup";

    private final LoadedModel model;
    private final String failure;
    private final String origin;
    private final RequestValidator validator;
    private final ScoringConfig.ExplainConfig explainSettings;
    private volatile Explainer explainer;
    private volatile boolean explainerBuilt;

    private ServedModel(LoadedModel model, String failure, String origin, ScoringConfig config) {
        this.model = model;
        this.failure = failure;
        this.origin = origin;
        this.validator = model == null ? null : new RequestValidator(model.features(), config.limits().maxBatchSize());
        this.explainSettings = config.explain();
    }

    /**
     * Serves the packaged model when {@code scoring.model.location} names it, else loads the model at that
     * location (on the JVM; a native executable serves only its packaged model).
     *
     * @param packaged what static initialization loaded, or {@code null} when the build packaged no model
     */
    static ServedModel serve(PackagedModelOutcome packaged, ScoringConfig config, ObjectMapper mapper) {
        ServedModel served = load(packaged, config, mapper);
        String expected = config.model().expectedSha256().orElse(null);
        if (served.model == null || expected == null
                || expected.equalsIgnoreCase(served.model.descriptor().model().sha256())) {
            return served;
        }
        return logged(new ServedModel(null, "the model's sha256 " + served.model.descriptor().model().sha256()
                + " is not the one this deployment expects, " + expected + " (scoring.model.expected-sha256):"
                + " the image serves another model", served.origin, config), null);
    }

    private static ServedModel load(PackagedModelOutcome packaged, ScoringConfig config, ObjectMapper mapper) {
        String location = config.model().location();
        if (packaged != null && location.equals(packaged.location())) {
            return logged(new ServedModel(packaged.model(), packaged.failure(), ORIGIN_EMBEDDED, config),
                    "embedded from " + location + ", verified by the build");
        }
        if (ImageMode.current() == ImageMode.NATIVE_RUN) {
            // Constant-folded by the native image builder: Tribuo's reflective loading below is not even
            // part of a native executable, so it cannot fail there for want of reflection metadata. The
            // files are still verified first, so that a missing or tampered model is reported as such,
            // exactly as on the JVM.
            String failure;
            try {
                new ModelLoader(mapper).verify(location);
                failure = "a native executable serves only the model embedded at build time ("
                        + (packaged == null ? "none was packaged" : packaged.location()) + "), not scoring.model.location="
                        + location + "; rebuild the function with that model";
            } catch (ModelLoadException e) {
                failure = e.getMessage();
            }
            return logged(new ServedModel(null, failure, ORIGIN_STARTUP, config), null);
        }
        long start = System.nanoTime();
        try {
            LoadedModel loaded = new ModelLoader(mapper).load(location);
            return logged(new ServedModel(loaded, null, ORIGIN_STARTUP, config), "loaded and verified from "
                    + location + " in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        } catch (ModelLoadException e) {
            return logged(new ServedModel(null, e.getMessage(), ORIGIN_STARTUP, config), null);
        }
    }

    private static ServedModel logged(ServedModel served, String how) {
        if (served.model != null) {
            LOG.infof("Model %s version %s %s (sha256 %s)", served.model.name(), served.model.version(), how,
                    served.model.descriptor().model().sha256());
        } else {
            LOG.errorf("Model NOT loaded, readiness stays DOWN: %s", served.failure);
        }
        return served;
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

    /** Why the model is not served, or {@code null} when it is. */
    public String failure() {
        return failure;
    }

    /**
     * @throws ScoringException HTTP 503 when no verified model is served
     */
    public LoadedModel require() {
        if (model == null) {
            throw new ScoringException(Refusal.MODEL_UNAVAILABLE, null, "the model is not loaded: " + failure);
        }
        return model;
    }

    /** Checks requests against the served model's features. */
    public RequestValidator validator() {
        require();
        return validator;
    }

    /**
     * The served model's explainer, built at the first call.
     *
     * @return {@code null} when this kind of model cannot be explained
     */
    public Explainer explainer() {
        LoadedModel served = require();
        if (!explainerBuilt) {
            synchronized (this) {
                if (!explainerBuilt) {
                    explainer = Explainers.forModel(served.model(), served.descriptor(), explainSettings.samples(),
                            explainSettings.seed());
                    explainerBuilt = true;
                }
            }
        }
        return explainer;
    }
}
