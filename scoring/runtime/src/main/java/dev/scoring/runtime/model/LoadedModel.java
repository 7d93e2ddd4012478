package dev.scoring.runtime.model;

import java.util.List;

import org.tribuo.Model;

import dev.scoring.runtime.predict.Predictor;

/**
 * A verified model ready to score: its descriptor, the predictor wrapping the Tribuo model, and the
 * Tribuo model itself (for explanations).
 */
public record LoadedModel(ModelDescriptor descriptor, Predictor predictor, Model<?> model) {

    public String name() {
        return descriptor.name();
    }

    public String version() {
        return descriptor.version();
    }

    public List<ModelDescriptor.Feature> features() {
        return descriptor.features();
    }

    public String[] featureNames() {
        return descriptor.features().stream().map(ModelDescriptor.Feature::name).toArray(String[]::new);
    }
}
