package dev.scoring.trainer;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What to train, read from {@code models/<name>/spec.json}. Every input to training is here, so the
 * same spec and data give the same model.
 *
 * @param name model name, also the function name
 * @param version model version written to the descriptor
 * @param task {@code classification}
 * @param description one line for humans
 * @param dataset the data file and the meaning of its columns
 * @param split seed and held-out fraction of the stratified split
 * @param algorithm the trainer and its hyper-parameters
 * @param gate minimum held-out metrics; training fails below them
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelSpec(String name, String version, String task, String description, Dataset dataset, Split split,
        Algorithm algorithm, Map<String, Double> gate) {

    /**
     * @param file data file, relative to the spec
     * @param format {@code sklearn-csv}: scikit-learn's bundled CSV layout (header row
     *        {@code n_samples,n_features,label names...}, then features and a class index per row)
     * @param features names and units of the feature columns, in file order
     * @param source where the data came from and its licence
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Dataset(String file, String format, List<FeatureColumn> features, String source) {
    }

    public record FeatureColumn(String name, String unit) {
    }

    /**
     * @param seed seeds the split and the trainer
     * @param testFraction share of each class held out for evaluation
     */
    public record Split(long seed, double testFraction) {
    }

    /**
     * @param name {@code logistic-regression}: a linear model trained by SGD with AdaGrad on the log loss
     * @param epochs passes over the training data
     * @param learningRate AdaGrad's initial learning rate
     * @param minibatchSize examples per gradient step
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Algorithm(String name, int epochs, double learningRate, int minibatchSize) {
    }
}
