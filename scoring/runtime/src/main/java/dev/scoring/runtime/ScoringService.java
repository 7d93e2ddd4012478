package dev.scoring.runtime;

import java.util.List;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;

import dev.scoring.runtime.drift.DriftMonitor;
import dev.scoring.runtime.metrics.ScoringMetrics;
import dev.scoring.runtime.model.LoadedModel;
import dev.scoring.runtime.model.ModelHolder;
import dev.scoring.runtime.validation.RequestValidator;
import dev.scoring.runtime.validation.ValidatedRequest;

/**
 * Validates and scores a JSON body, whichever way it arrived, and records the outcome. Refusals are
 * thrown as {@link ScoringException} and counted where they are answered.
 */
@Singleton
public class ScoringService {

    private final ModelHolder models;
    private final ScoringMetrics metrics;
    private final ScoringConfig config;
    private final DriftMonitor drift;
    private volatile ValidatorCache validatorCache;

    ScoringService(ModelHolder models, ScoringMetrics metrics, ScoringConfig config, DriftMonitor drift) {
        this.models = models;
        this.metrics = metrics;
        this.config = config;
        this.drift = drift;
    }

    /**
     * @return a {@link ScoreResult} for an object, a list of them in the same order for an array
     */
    public Object score(JsonNode body, Channel channel) {
        long start = System.nanoTime();
        LoadedModel model = models.require();
        ValidatedRequest request = validatorFor(model).validate(body);
        List<ScoreResult> results = model.predictor().predict(request.rows());
        metrics.scored(channel, model, results, System.nanoTime() - start);
        drift.observe(request.rows(), results);
        return request.batch() ? results : results.get(0);
    }

    /** Scores rows that arrived in another shape (e.g. V2 tensors), always answering a list. */
    public List<ScoreResult> scoreRows(com.fasterxml.jackson.databind.node.ArrayNode rows, Channel channel) {
        long start = System.nanoTime();
        LoadedModel model = models.require();
        ValidatedRequest request = validatorFor(model).validate(rows);
        List<ScoreResult> results = model.predictor().predict(request.rows());
        metrics.scored(channel, model, results, System.nanoTime() - start);
        drift.observe(request.rows(), results);
        return results;
    }

    private RequestValidator validatorFor(LoadedModel model) {
        ValidatorCache cache = validatorCache;
        if (cache == null || cache.model() != model) {
            cache = new ValidatorCache(model, new RequestValidator(model.features(), config.limits().maxBatchSize()));
            validatorCache = cache;
        }
        return cache.validator();
    }

    private record ValidatorCache(LoadedModel model, RequestValidator validator) {
    }
}
