package dev.scoring.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;

import dev.scoring.runtime.drift.DriftMonitor;
import dev.scoring.runtime.explain.ExplainedScore;
import dev.scoring.runtime.explain.Explainer;
import dev.scoring.runtime.explain.Explanation;
import dev.scoring.runtime.metrics.ScoringMetrics;
import dev.scoring.runtime.model.LoadedModel;
import dev.scoring.runtime.payload.PayloadLogger;
import dev.scoring.runtime.validation.ValidatedRequest;
import dev.scoring.runtime.validation.ValidatedRow;

/**
 * Validates and scores a JSON body, whichever way it arrived, and records the outcome. Refusals are
 * thrown as {@link ScoringException} and counted where they are answered.
 */
@Singleton
public class ScoringService {

    private final ServedModel models;
    private final ScoringMetrics metrics;
    private final ScoringConfig config;
    private final DriftMonitor drift;
    private final PayloadLogger payloadLog;
    /** Explanations (LIME especially) cost far more than a prediction: a small pool bounds them. */
    private final ExecutorService explanations;

    ScoringService(ServedModel models, ScoringMetrics metrics, ScoringConfig config, DriftMonitor drift,
            PayloadLogger payloadLog) {
        this.payloadLog = payloadLog;
        this.models = models;
        this.metrics = metrics;
        this.config = config;
        this.drift = drift;
        this.explanations = Executors.newFixedThreadPool(config.explain().concurrency(), runnable -> {
            Thread thread = new Thread(runnable, "scoring-explain");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * @return a {@link ScoreResult} for an object, a list of them in the same order for an array
     */
    public Object score(JsonNode body, Channel channel) {
        Scored scored = scoreAll(body, channel);
        return scored.request().batch() ? scored.results() : scored.results().get(0);
    }

    /** Scores rows that arrived in another shape (e.g. V2 tensors), always answering a list. */
    public List<ScoreResult> scoreRows(com.fasterxml.jackson.databind.node.ArrayNode rows, Channel channel) {
        return scoreAll(rows, channel).results();
    }

    /**
     * Scores many requests with one model call (the direct Kafka path's batches): each body is validated on
     * its own, so a refused body holds up none of the others; the rows of every valid body go to the model
     * together; each body gets back what {@link #score} would have answered it, or its refusal. Every
     * request is counted with the batch's time, which is how long it waited for its answer.
     *
     * @throws ScoringException only for what concerns the whole batch: no model is being served
     */
    public List<Outcome> scoreEach(List<JsonNode> bodies, Channel channel) {
        long start = System.nanoTime();
        LoadedModel model = models.require();
        List<ValidatedRequest> requests = new ArrayList<>(bodies.size());
        List<ScoringException> refusals = new ArrayList<>(bodies.size());
        List<ValidatedRow> rows = new ArrayList<>(bodies.size());
        for (JsonNode body : bodies) {
            try {
                ValidatedRequest request = models.validator().validate(body);
                requests.add(request);
                refusals.add(null);
                rows.addAll(request.rows());
            } catch (ScoringException refusal) {
                requests.add(null);
                refusals.add(refusal);
            }
        }
        List<ScoreResult> results = rows.isEmpty() ? List.of() : model.predictor().predict(rows);
        long elapsed = System.nanoTime() - start;
        List<Outcome> outcomes = new ArrayList<>(bodies.size());
        int next = 0;
        for (int i = 0; i < bodies.size(); i++) {
            ValidatedRequest request = requests.get(i);
            if (request == null) {
                outcomes.add(new Outcome(null, refusals.get(i)));
                continue;
            }
            List<ScoreResult> own = results.subList(next, next + request.rows().size());
            next += own.size();
            Object answer = request.batch() ? own : own.get(0);
            metrics.scored(channel, model, own, elapsed);
            payloadLog.log(model, bodies.get(i), answer);
            outcomes.add(new Outcome(answer, null));
        }
        if (!rows.isEmpty()) {
            drift.observe(rows, results);
        }
        return outcomes;
    }

    /**
     * What became of one request of a batch: its answer (a {@link ScoreResult}, or a list of them for an
     * array), or its refusal.
     */
    public record Outcome(Object answer, ScoringException refusal) {

        public boolean refused() {
            return refusal != null;
        }
    }

    private Scored scoreAll(JsonNode body, Channel channel) {
        long start = System.nanoTime();
        LoadedModel model = models.require();
        ValidatedRequest request = models.validator().validate(body);
        List<ScoreResult> results = model.predictor().predict(request.rows());
        metrics.scored(channel, model, results, System.nanoTime() - start);
        drift.observe(request.rows(), results);
        payloadLog.log(model, body, request.batch() ? results : results.get(0));
        io.opentelemetry.api.trace.Span span = io.opentelemetry.api.trace.Span.current();
        span.setAttribute("scoring.model", model.name());
        span.setAttribute("scoring.model.version", model.version());
        span.setAttribute("scoring.rows", results.size());
        return new Scored(request, results);
    }

    /**
     * Scores one row and explains the prediction, within {@code scoring.explain.timeout}.
     */
    public ExplainedScore explain(JsonNode body, Channel channel) {
        long start = System.nanoTime();
        LoadedModel model = models.require();
        if (body != null && body.isArray()) {
            throw new ScoringException(Refusal.INVALID_REQUEST, null,
                    "explanations are computed one row at a time: send a JSON object, not an array");
        }
        ValidatedRequest request = models.validator().validate(body);
        List<ScoreResult> results = model.predictor().predict(request.rows());
        Explainer explainer = models.explainer();
        if (explainer == null) {
            throw new ScoringException(Refusal.EXPLANATION_UNAVAILABLE, null,
                    "this kind of model cannot be explained yet: explanations exist for linear models and classifiers");
        }
        Future<Explanation> work = explanations.submit(
                () -> explainer.explain(model.featureNames(), request.rows().get(0).values(), results.get(0)));
        Explanation explanation;
        try {
            explanation = work.get(config.explain().timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            work.cancel(true);
            throw new ScoringException(Refusal.EXPLANATION_TIMEOUT, null, "the explanation took longer than "
                    + config.explain().timeout().toMillis() + " ms (scoring.explain.timeout)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScoringException(Refusal.EXPLANATION_TIMEOUT, null, "interrupted while explaining");
        } catch (ExecutionException e) {
            throw new IllegalStateException("explaining failed", e.getCause());
        }
        metrics.scored(channel, model, results, System.nanoTime() - start);
        drift.observe(request.rows(), results);
        return ExplainedScore.of(results.get(0), explanation);
    }

    @PreDestroy
    void stop() {
        explanations.shutdownNow();
    }

    private record Scored(ValidatedRequest request, List<ScoreResult> results) {
    }
}
