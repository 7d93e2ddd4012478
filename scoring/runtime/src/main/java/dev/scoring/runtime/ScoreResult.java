package dev.scoring.runtime;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.scoring.runtime.validation.Warning;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The answer for one row.
 *
 * @param label the predicted label (classification)
 * @param probabilities probability of every label, in descriptor order (classification, when the
 *        model produces probabilities)
 * @param value the predicted value (regression)
 * @param model model name
 * @param version model version
 * @param warnings warnings about the inputs, empty when there are none
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScoreResult(String label, Map<String, Double> probabilities, Double value, String model,
        String version, List<Warning> warnings) {

    public static ScoreResult classified(String label, Map<String, Double> probabilities, String model,
            String version, List<Warning> warnings) {
        return new ScoreResult(label, probabilities, null, model, version, warnings);
    }

    public static ScoreResult regressed(double value, String model, String version, List<Warning> warnings) {
        return new ScoreResult(null, null, value, model, version, warnings);
    }
}
