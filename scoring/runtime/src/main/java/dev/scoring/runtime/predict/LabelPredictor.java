package dev.scoring.runtime.predict;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;

import dev.scoring.runtime.ScoreResult;
import dev.scoring.runtime.model.ModelDescriptor;
import dev.scoring.runtime.validation.ValidatedRow;

/** Classification: a label, and the probability of every label when the model gives them. */
public final class LabelPredictor implements Predictor {

    private final Model<Label> model;
    private final String[] featureNames;
    private final List<String> labels;
    private final String name;
    private final String version;

    public LabelPredictor(Model<Label> model, String[] featureNames, ModelDescriptor descriptor) {
        this.model = model;
        this.featureNames = featureNames.clone();
        this.labels = List.copyOf(descriptor.labels());
        this.name = descriptor.name();
        this.version = descriptor.version();
    }

    @Override
    public List<ScoreResult> predict(List<ValidatedRow> rows) {
        List<Example<Label>> examples = new ArrayList<>(rows.size());
        for (ValidatedRow row : rows) {
            examples.add(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, featureNames, row.values()));
        }
        List<Prediction<Label>> predictions = model.predict(examples);
        boolean probabilistic = model.generatesProbabilities();
        List<ScoreResult> results = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Prediction<Label> prediction = predictions.get(i);
            Map<String, Double> probabilities = null;
            if (probabilistic) {
                Map<String, Label> scores = prediction.getOutputScores();
                probabilities = new LinkedHashMap<>();
                for (String label : labels) {
                    Label scored = scores.get(label);
                    probabilities.put(label, scored == null ? 0.0 : scored.getScore());
                }
            }
            results.add(ScoreResult.classified(prediction.getOutput().getLabel(), probabilities, name, version,
                    rows.get(i).warnings()));
        }
        return results;
    }
}
