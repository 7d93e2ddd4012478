package dev.scoring.runtime.model;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RecordableConstructor;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The JSON descriptor stored next to every model file ({@code descriptor.json}). It is the contract
 * between the training pipeline and the scoring runtime: the runtime validates requests against
 * {@link #features()}, verifies the model file against {@link ModelFile#sha256()} and reports
 * {@link #name()} and {@link #version()} with every prediction.
 *
 * @param name model name, also the name of the function that serves it
 * @param version model version, reported with every prediction
 * @param task {@code classification} or {@code regression}
 * @param description one line for humans
 * @param model the model file and how it was produced
 * @param features the input features, in the order the model was trained on
 * @param labels the label set of a classifier, in a stable order; absent for regression
 * @param labelPrior share of each label in the training split; absent for regression
 * @param target what a regression model predicts; absent for classification
 * @param metrics held-out evaluation figures (e.g. {@code accuracy}, {@code macroF1}, {@code rmse}, {@code r2})
 * @param training where the training data came from and how it was split
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelDescriptor(
        String name,
        String version,
        String task,
        String description,
        ModelFile model,
        List<Feature> features,
        List<String> labels,
        Map<String, Double> labelPrior,
        Target target,
        Map<String, Double> metrics,
        Training training) {

    /** Answers carry {@code label} and {@code probabilities}. */
    public static final String TASK_CLASSIFICATION = "classification";
    /** Answers carry {@code value}. */
    public static final String TASK_REGRESSION = "regression";

    public boolean isRegression() {
        return TASK_REGRESSION.equals(task);
    }

    /**
     * @param file file name relative to the descriptor
     * @param format always {@code tribuo-protobuf}: Java serialization is never accepted
     * @param sha256 hex SHA-256 of the model file; loading fails when it does not match
     * @param algorithm the trainer, for humans
     * @param tribuoVersion the Tribuo version that wrote the file
     */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ModelFile(String file, String format, String sha256, String algorithm, String tribuoVersion) {
        public static final String FORMAT_TRIBUO_PROTOBUF = "tribuo-protobuf";
    }

    /**
     * @param name the JSON key a request uses, and the Tribuo feature name
     * @param type {@code double} (the only type the runtime accepts so far)
     * @param unit unit of measure, for humans
     * @param min smallest value seen in the training split
     * @param max largest value seen in the training split
     * @param mean mean over the training split
     * @param histogram the training distribution, for drift detection; may be absent
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Feature(String name, String type, String unit, double min, double max, double mean,
            Histogram histogram) {
        public static final String TYPE_DOUBLE = "double";

        /** The constructor the build's recorder calls (a record with two constructors must say which). */
        @RecordableConstructor
        public Feature {
        }

        public Feature(String name, String type, String unit, double min, double max, double mean) {
            this(name, type, unit, min, max, mean, null);
        }
    }

    /**
     * The training distribution of a feature, for drift detection.
     *
     * @param edges inner bin edges, ascending; a value equal to an edge falls in the bin above it
     * @param shares share of training rows in each of the {@code edges.size() + 1} bins
     */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Histogram(List<Double> edges, List<Double> shares) {

        /** Index of the bin {@code value} falls in. */
        public int binOf(double value) {
            int bin = 0;
            while (bin < edges.size() && value >= edges.get(bin)) {
                bin++;
            }
            return bin;
        }
    }

    /**
     * @param name the predicted quantity, also the Tribuo regression dimension
     * @param unit unit of measure, for humans
     * @param min smallest value in the training split
     * @param max largest value in the training split
     * @param mean mean over the training split
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Target(String name, String unit, double min, double max, double mean) {
    }

    /**
     * @param dataset file name of the training data, in {@code models/<name>/}
     * @param datasetSha256 hex SHA-256 of that file
     * @param source where the data came from and under which licence
     * @param rows data rows in the file
     * @param trainRows rows in the training split
     * @param testRows rows in the held-out split
     * @param seed seed of the stratified split and of the trainer
     * @param testFraction fraction of each class held out
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Training(String dataset, String datasetSha256, String source, int rows, int trainRows,
            int testRows, long seed, double testFraction) {
    }
}
