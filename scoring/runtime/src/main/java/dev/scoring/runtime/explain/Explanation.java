package dev.scoring.runtime.explain;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Why the model answered what it answered, feature by feature.
 *
 * @param method {@code linear-exact} (a linear model: each contribution is weight x value, exactly) or
 *        {@code lime} (any other classifier: the weights of a sparse linear surrogate fitted by LIME to
 *        the model's answers on perturbed copies of the row; an approximation)
 * @param approximate whether the figures approximate the model rather than decompose it
 * @param explains the label (classification) or target (regression) explained
 * @param contributions {@code linear-exact}: weight x (standardized, if the model standardizes)
 *        value per feature, in the model's output space (the label's logit, or the value)
 * @param weights {@code lime}: the surrogate's local slope per feature for the label's probability
 *        (features LASSO left out are absent)
 * @param intercept {@code linear-exact}: the bias; the explained logit or value is
 *        {@code intercept + sum(contributions)}
 * @param logits {@code linear-exact} classification: every label's logit; their softmax is the
 *        probabilities
 * @param samples {@code lime}: perturbed samples drawn
 * @param surrogateRmse {@code lime}: how far the surrogate is from the model on those samples
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Explanation(String method, boolean approximate, String explains, Map<String, Double> contributions,
        Map<String, Double> weights, Double intercept, Map<String, Double> logits, Integer samples,
        Double surrogateRmse) {

    public static final String LINEAR_EXACT = "linear-exact";
    public static final String LIME = "lime";
}
