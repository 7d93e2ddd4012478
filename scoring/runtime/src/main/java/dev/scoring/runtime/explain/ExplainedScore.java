package dev.scoring.runtime.explain;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.scoring.runtime.ScoreResult;
import dev.scoring.runtime.validation.Warning;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A prediction with its explanation: the fields of {@link ScoreResult} plus {@code explanation}. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExplainedScore(String label, Map<String, Double> probabilities, Double value, String model,
        String version, List<Warning> warnings, Explanation explanation) {

    public static ExplainedScore of(ScoreResult r, Explanation explanation) {
        return new ExplainedScore(r.label(), r.probabilities(), r.value(), r.model(), r.version(), r.warnings(),
                explanation);
    }
}
