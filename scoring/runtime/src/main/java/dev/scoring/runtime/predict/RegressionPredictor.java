package dev.scoring.runtime.predict;

import java.util.ArrayList;
import java.util.List;

import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.impl.ArrayExample;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

import dev.scoring.runtime.ScoreResult;
import dev.scoring.runtime.model.ModelDescriptor;
import dev.scoring.runtime.validation.ValidatedRow;

/** Regression: one predicted value, the descriptor's target. */
public final class RegressionPredictor implements Predictor {

    private final Model<Regressor> model;
    private final String[] featureNames;
    private final String target;
    private final String name;
    private final String version;

    public RegressionPredictor(Model<Regressor> model, String[] featureNames, ModelDescriptor descriptor) {
        this.model = model;
        this.featureNames = featureNames.clone();
        this.target = descriptor.target().name();
        this.name = descriptor.name();
        this.version = descriptor.version();
    }

    @Override
    public List<ScoreResult> predict(List<ValidatedRow> rows) {
        List<Example<Regressor>> examples = new ArrayList<>(rows.size());
        for (ValidatedRow row : rows) {
            examples.add(new ArrayExample<>(RegressionFactory.UNKNOWN_REGRESSOR, featureNames, row.values()));
        }
        List<Prediction<Regressor>> predictions = model.predict(examples);
        List<ScoreResult> results = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Regressor output = predictions.get(i).getOutput();
            results.add(ScoreResult.regressed(output.getDimension(target).orElseThrow().getValue(), name, version,
                    rows.get(i).warnings()));
        }
        return results;
    }
}
