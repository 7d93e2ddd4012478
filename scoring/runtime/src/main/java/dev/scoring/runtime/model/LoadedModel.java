package dev.scoring.runtime.model;

import java.util.List;

import org.tribuo.Model;
import org.tribuo.classification.Label;

/**
 * A verified model ready to score: the Tribuo model, its descriptor, and the feature names in
 * descriptor order (the order of the values handed to {@link #model()}).
 */
public record LoadedModel(ModelDescriptor descriptor, Model<Label> model, String[] featureNames) {

    public String name() {
        return descriptor.name();
    }

    public String version() {
        return descriptor.version();
    }

    public List<ModelDescriptor.Feature> features() {
        return descriptor.features();
    }
}
