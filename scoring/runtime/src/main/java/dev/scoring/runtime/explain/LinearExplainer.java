package dev.scoring.runtime.explain;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.Model;
import org.tribuo.Output;
import org.tribuo.impl.ArrayExample;
import org.tribuo.transform.TransformerMap;

import com.oracle.labs.mlrg.olcut.util.Pair;

import dev.scoring.runtime.ScoreResult;

/**
 * Exact decomposition of a linear model's output: for the explained label (or target),
 * {@code output = bias + sum(weight_f * x_f)}, where {@code x_f} is the value the linear model
 * really sees, i.e. after the model's own standardization when it has one. The weights are read
 * once, through Tribuo's {@code getTopFeatures}, which for a linear model lists every weight and the
 * bias.
 */
final class LinearExplainer<T extends Output<T>> implements Explainer {

    private final Map<String, Map<String, Double>> weights; // output name -> feature (or BIAS) -> weight
    private final TransformerMap transformers; // null when the model does not transform its inputs
    private final T unknownOutput;
    private final boolean classification;

    LinearExplainer(Model<T> linearModel, TransformerMap transformers, T unknownOutput, boolean classification) {
        this.weights = new HashMap<>();
        for (Map.Entry<String, List<Pair<String, Double>>> e : linearModel.getTopFeatures(-1).entrySet()) {
            Map<String, Double> byFeature = new HashMap<>();
            e.getValue().forEach(p -> byFeature.put(p.getA(), p.getB()));
            weights.put(e.getKey(), byFeature);
        }
        this.transformers = transformers;
        this.unknownOutput = unknownOutput;
        this.classification = classification;
    }

    @Override
    public Explanation explain(String[] names, double[] values, ScoreResult prediction) {
        Map<String, Double> seen = inputsSeenByTheLinearModel(names, values);
        if (classification) {
            Map<String, Double> logits = new LinkedHashMap<>();
            for (String label : prediction.probabilities() != null ? prediction.probabilities().keySet()
                    : weights.keySet()) {
                logits.put(label, logit(label, seen));
            }
            String label = prediction.label();
            return new Explanation(Explanation.LINEAR_EXACT, false, label, contributions(label, names, seen), null,
                    bias(label), logits, null, null);
        }
        String target = weights.keySet().iterator().next();
        return new Explanation(Explanation.LINEAR_EXACT, false, target, contributions(target, names, seen), null,
                bias(target), null, null, null);
    }

    private Map<String, Double> inputsSeenByTheLinearModel(String[] names, double[] values) {
        Map<String, Double> seen = new HashMap<>();
        Example<T> example = new ArrayExample<>(unknownOutput, names, values);
        if (transformers != null) {
            example = transformers.transformExample(example);
        }
        for (Feature f : example) {
            seen.put(f.getName(), f.getValue());
        }
        return seen;
    }

    private Map<String, Double> contributions(String output, String[] names, Map<String, Double> seen) {
        Map<String, Double> w = weights.get(output);
        Map<String, Double> contributions = new LinkedHashMap<>();
        for (String name : names) {
            contributions.put(name, w.getOrDefault(name, 0.0) * seen.getOrDefault(name, 0.0));
        }
        return contributions;
    }

    private double logit(String label, Map<String, Double> seen) {
        double sum = bias(label);
        for (Map.Entry<String, Double> w : weights.get(label).entrySet()) {
            if (!Model.BIAS_FEATURE.equals(w.getKey())) {
                sum += w.getValue() * seen.getOrDefault(w.getKey(), 0.0);
            }
        }
        return sum;
    }

    private double bias(String output) {
        return weights.get(output).getOrDefault(Model.BIAS_FEATURE, 0.0);
    }
}
