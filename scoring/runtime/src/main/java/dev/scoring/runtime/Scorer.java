package dev.scoring.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tribuo.Example;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;

import dev.scoring.runtime.model.LoadedModel;
import dev.scoring.runtime.validation.ValidatedRow;

/**
 * Runs validated rows through the Tribuo model. A batch goes to the model in one call, which lets
 * Tribuo reuse its working buffers across rows.
 */
public final class Scorer {

    private Scorer() {
    }

    public static List<ScoreResult> score(LoadedModel loaded, List<ValidatedRow> rows) {
        List<Example<Label>> examples = new ArrayList<>(rows.size());
        for (ValidatedRow row : rows) {
            examples.add(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, loaded.featureNames(), row.values()));
        }
        List<Prediction<Label>> predictions = loaded.model().predict(examples);
        boolean probabilistic = loaded.model().generatesProbabilities();
        List<String> labels = loaded.descriptor().labels();
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
            results.add(new ScoreResult(prediction.getOutput().getLabel(), probabilities, loaded.name(),
                    loaded.version(), rows.get(i).warnings()));
        }
        return results;
    }
}
