package dev.scoring.runtime.explain;

import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.common.sgd.AbstractLinearSGDModel;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.transform.TransformedModel;
import org.tribuo.transform.TransformerMap;

import dev.scoring.runtime.model.ModelDescriptor;

/** Picks the explainer a model allows: exact for linear models, LIME for other classifiers. */
public final class Explainers {

    private Explainers() {
    }

    /** @return the explainer, or {@code null} when this kind of model cannot be explained */
    @SuppressWarnings("unchecked")
    public static Explainer forModel(Model<?> model, ModelDescriptor descriptor, int limeSamples, long seed) {
        Model<?> inner = model;
        TransformerMap transformers = null;
        if (model instanceof TransformedModel<?> transformed) {
            inner = transformed.getInnerModel();
            transformers = transformed.getTransformerMap();
        }
        boolean regression = descriptor.isRegression();
        if (inner instanceof AbstractLinearSGDModel<?>) {
            return regression
                    ? new LinearExplainer<>((Model<Regressor>) inner, transformers, RegressionFactory.UNKNOWN_REGRESSOR,
                            false)
                    : new LinearExplainer<>((Model<Label>) inner, transformers, LabelFactory.UNKNOWN_LABEL, true);
        }
        if (!regression) {
            return new LimeExplainer(model.castModel(Label.class), limeSamples, seed);
        }
        return null;
    }
}
