package dev.scoring.trainer;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What to train, read from {@code models/<name>/spec.json}. Every input to training is here, so the
 * same spec and data give the same model file, byte for byte (on the same JDK).
 *
 * @param name model name, also the function name
 * @param version model version written to the descriptor
 * @param task {@code classification} or {@code regression}
 * @param description one line for humans
 * @param dataset the data files and the meaning of their columns
 * @param split seed and held-out fraction of the split
 * @param algorithm the trainer and its hyper-parameters
 * @param gate held-out metrics the model must reach: minimums for {@code accuracy}, {@code macroF1},
 *        {@code r2}; maximums for the error metrics {@code rmse}, {@code mae}, {@code brier}, {@code logLoss}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelSpec(String name, String version, String task, String description, Dataset dataset, Split split,
        Algorithm algorithm, Map<String, Double> gate) {

    public static final String CLASSIFICATION = "classification";
    public static final String REGRESSION = "regression";

    public boolean isRegression() {
        return REGRESSION.equals(task);
    }

    /**
     * @param file data file, relative to the spec
     * @param format {@code sklearn-csv}: scikit-learn's bundled CSV layout (header row
     *        {@code n_samples,n_features,label names...}, then features and a class index per row);
     *        {@code whitespace-columns}: one row per line, features separated by blanks, the target in
     *        {@link #targetFile()}, one value per line
     * @param targetFile the regression target, for {@code whitespace-columns}
     * @param features names and units of the feature columns, in file order
     * @param target name and unit of the regression target
     * @param source where the data came from and its licence
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Dataset(String file, String format, String targetFile, List<Column> features, Column target,
            String source) {
    }

    public record Column(String name, String unit) {
    }

    /**
     * @param seed seeds the split and the trainer
     * @param testFraction share held out for evaluation: of each class for classification (a
     *        stratified split), of all rows for regression
     */
    public record Split(long seed, double testFraction) {
    }

    /**
     * @param name {@code logistic-regression} (linear, SGD on the log loss), {@code random-forest}
     *        (CART trees, majority vote) or {@code linear-regression} (linear, SGD on the squared loss)
     * @param standardize scale every feature to mean 0 and variance 1 (statistics from the training
     *        split, stored in the model and applied when scoring); SGD needs it when features differ
     *        in scale by orders of magnitude
     * @param epochs SGD: passes over the training data
     * @param learningRate SGD: AdaGrad's initial learning rate
     * @param minibatchSize SGD: examples per gradient step
     * @param trees random forest: number of trees
     * @param maxDepth random forest: depth limit of each tree
     * @param featureFraction random forest: share of features considered at each split
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Algorithm(String name, boolean standardize, int epochs, double learningRate, int minibatchSize,
            int trees, int maxDepth, double featureFraction) {
    }
}
