package dev.scoring.runtime.explain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.explanations.lime.LIMEBase;
import org.tribuo.classification.explanations.lime.LIMEExplanation;
import org.tribuo.impl.ArrayExample;
import org.tribuo.regression.slm.LARSLassoTrainer;

import com.oracle.labs.mlrg.olcut.util.Pair;

import dev.scoring.runtime.ScoreResult;

/**
 * LIME (Tribuo's {@code LIMEBase}) for classifiers that are not linear: it draws {@code samples}
 * perturbed copies of the row from the training feature distributions recorded in the model, asks
 * the model for their probabilities, and fits a sparse (LARS-LASSO) linear surrogate weighted by
 * closeness to the row. The surrogate's weights for the predicted label are the explanation: an
 * approximation, labelled as such, with the surrogate's error. Seeded, so the same row gets the
 * same explanation.
 */
final class LimeExplainer implements Explainer {

    private final Model<Label> model;
    private final int samples;
    private final long seed;

    LimeExplainer(Model<Label> model, int samples, long seed) {
        this.model = model;
        this.samples = samples;
        this.seed = seed;
    }

    @Override
    public Explanation explain(String[] names, double[] values, ScoreResult prediction) {
        LIMEBase lime = new LIMEBase(new SplittableRandom(seed), model, new LARSLassoTrainer(names.length), samples);
        LIMEExplanation explanation = lime.explain(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names, values));
        String label = prediction.label();
        Map<String, Double> weights = new LinkedHashMap<>();
        Double intercept = null;
        List<Pair<String, Double>> top = explanation.getModel().getTopFeatures(-1).get(label);
        if (top != null) {
            for (Pair<String, Double> p : top) {
                if (Model.BIAS_FEATURE.equals(p.getA())) {
                    intercept = p.getB();
                } else {
                    weights.put(p.getA(), p.getB());
                }
            }
        }
        return new Explanation(Explanation.LIME, true, label, null, weights, intercept, null, samples,
                explanation.getRMSE(label));
    }
}
