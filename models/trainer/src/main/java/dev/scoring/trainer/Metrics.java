package dev.scoring.trainer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Held-out metrics, computed from plain arrays so that anyone can recompute them from a function's
 * answers ({@code FunctionContract} in scoring-test-support does, and must get the same figures).
 */
public final class Metrics {

    /** Error metrics: a gate on them is a maximum. Every other metric's gate is a minimum. */
    public static final Set<String> LOWER_IS_BETTER = Set.of("rmse", "mae", "brier", "logLoss", "ece");

    /** Equal-width probability bins of the expected calibration error. */
    static final int CALIBRATION_BINS = 10;

    private Metrics() {
    }

    public static Map<String, Double> classification(List<String> truth, List<String> predicted,
            List<Map<String, Double>> probabilities, List<String> labels) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("accuracy", accuracy(truth, predicted));
        m.put("macroF1", macroF1(truth, predicted, labels));
        if (labels.size() == 2 && probabilities != null) {
            m.put("brier", brier(truth, probabilities, labels.get(1)));
            m.put("logLoss", logLoss(truth, probabilities));
            m.put("ece", expectedCalibrationError(truth, probabilities, labels.get(1)));
        }
        return m;
    }

    public static Map<String, Double> regression(double[] truth, double[] predicted) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("rmse", rmse(truth, predicted));
        m.put("mae", mae(truth, predicted));
        m.put("r2", r2(truth, predicted));
        return m;
    }

    public static double accuracy(List<String> truth, List<String> predicted) {
        int correct = 0;
        for (int i = 0; i < truth.size(); i++) {
            if (truth.get(i).equals(predicted.get(i))) {
                correct++;
            }
        }
        return (double) correct / truth.size();
    }

    /** Mean over every label of the per-label F1; a label never predicted nor present counts 0. */
    public static double macroF1(List<String> truth, List<String> predicted, List<String> labels) {
        double sum = 0;
        for (String label : labels) {
            int tp = 0;
            int fp = 0;
            int fn = 0;
            for (int i = 0; i < truth.size(); i++) {
                boolean isTrue = truth.get(i).equals(label);
                boolean isPredicted = predicted.get(i).equals(label);
                if (isTrue && isPredicted) {
                    tp++;
                } else if (isPredicted) {
                    fp++;
                } else if (isTrue) {
                    fn++;
                }
            }
            sum += tp == 0 ? 0.0 : 2.0 * tp / (2.0 * tp + fp + fn);
        }
        return sum / labels.size();
    }

    /** Mean squared difference between the probability of {@code positive} and the 0/1 outcome. */
    public static double brier(List<String> truth, List<Map<String, Double>> probabilities, String positive) {
        double sum = 0;
        for (int i = 0; i < truth.size(); i++) {
            double p = probabilities.get(i).getOrDefault(positive, 0.0);
            double y = truth.get(i).equals(positive) ? 1.0 : 0.0;
            sum += (p - y) * (p - y);
        }
        return sum / truth.size();
    }

    /** Mean negative log probability of the true label, probabilities clipped at 1e-15. */
    public static double logLoss(List<String> truth, List<Map<String, Double>> probabilities) {
        double sum = 0;
        for (int i = 0; i < truth.size(); i++) {
            double p = probabilities.get(i).getOrDefault(truth.get(i), 0.0);
            sum -= Math.log(Math.max(p, 1e-15));
        }
        return sum / truth.size();
    }

    /**
     * Expected calibration error of a binary classifier: rows are binned by the predicted probability
     * of {@code positive} into {@link #CALIBRATION_BINS} equal-width bins; the error is the mean over
     * rows of |observed positive rate - mean predicted probability| of their bin. 0 is perfectly
     * calibrated.
     */
    public static double expectedCalibrationError(List<String> truth, List<Map<String, Double>> probabilities,
            String positive) {
        double[] predictedSum = new double[CALIBRATION_BINS];
        double[] positives = new double[CALIBRATION_BINS];
        int[] counts = new int[CALIBRATION_BINS];
        for (int i = 0; i < truth.size(); i++) {
            double p = probabilities.get(i).getOrDefault(positive, 0.0);
            int bin = Math.min(CALIBRATION_BINS - 1, (int) (p * CALIBRATION_BINS));
            predictedSum[bin] += p;
            positives[bin] += truth.get(i).equals(positive) ? 1 : 0;
            counts[bin]++;
        }
        double error = 0;
        for (int b = 0; b < CALIBRATION_BINS; b++) {
            if (counts[b] > 0) {
                error += Math.abs(positives[b] - predictedSum[b]);
            }
        }
        return error / truth.size();
    }

    public static double rmse(double[] truth, double[] predicted) {
        double sum = 0;
        for (int i = 0; i < truth.length; i++) {
            double d = truth[i] - predicted[i];
            sum += d * d;
        }
        return Math.sqrt(sum / truth.length);
    }

    public static double mae(double[] truth, double[] predicted) {
        double sum = 0;
        for (int i = 0; i < truth.length; i++) {
            sum += Math.abs(truth[i] - predicted[i]);
        }
        return sum / truth.length;
    }

    /** 1 - residual sum of squares / total sum of squares around the held-out mean. */
    public static double r2(double[] truth, double[] predicted) {
        double mean = 0;
        for (double t : truth) {
            mean += t;
        }
        mean /= truth.length;
        double residual = 0;
        double total = 0;
        for (int i = 0; i < truth.length; i++) {
            residual += (truth[i] - predicted[i]) * (truth[i] - predicted[i]);
            total += (truth[i] - mean) * (truth[i] - mean);
        }
        return 1.0 - residual / total;
    }
}
