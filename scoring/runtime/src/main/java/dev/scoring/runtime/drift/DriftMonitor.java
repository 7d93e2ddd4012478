package dev.scoring.runtime.drift;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import dev.scoring.runtime.ScoreResult;
import dev.scoring.runtime.ScoringConfig;
import dev.scoring.runtime.model.LoadedModel;
import dev.scoring.runtime.model.ModelDescriptor;
import dev.scoring.runtime.ServedModel;
import dev.scoring.runtime.validation.ValidatedRow;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * Compares live inputs and predictions with the training distribution in the descriptor, over a
 * sliding window of the last {@code scoring.drift.window} scored rows, and exports the comparison as
 * Prometheus gauges tagged with the model name and version:
 * <ul>
 * <li>{@code scoring_drift_psi{feature}}: population stability index of the feature's quantile bins
 * (NaN until a row is seen; above {@value Psi#SIGNIFICANT} is a significant shift)</li>
 * <li>{@code scoring_drift_out_of_range_ratio{feature}}: share of rows outside the training min/max</li>
 * <li>{@code scoring_prediction_share{label}} and {@code scoring_prediction_prior{label}}: share of each
 * predicted label in the window, and in the training split</li>
 * <li>{@code scoring_prediction_psi}: population stability index of the predicted labels against the prior</li>
 * <li>{@code scoring_drift_window_rows}: rows in the window</li>
 * </ul>
 * Per instance: each Knative replica sees its own traffic.
 */
@Singleton
public class DriftMonitor {

    private final ServedModel models;
    private final MeterRegistry registry;
    private final int windowSize;

    private ModelDescriptor descriptor;
    private List<ModelDescriptor.Feature> tracked;
    private int[] trackedIndex; // position of each tracked feature in a row's values
    private byte[][] bins; // [feature][slot]: bin index of the row in that slot
    private boolean[][] outOfRange;
    private byte[] labels; // [slot]: index of the predicted label
    private int next;
    private int filled;

    DriftMonitor(ServedModel models, MeterRegistry registry, ScoringConfig config) {
        this.models = models;
        this.registry = registry;
        this.windowSize = config.drift().window();
    }

    /** After the model is loaded (default observer priority is 2500). */
    void onStart(@Observes @Priority(3000) StartupEvent event) {
        if (models.isReady()) {
            start(models.require());
        }
    }

    synchronized void start(LoadedModel model) {
        descriptor = model.descriptor();
        tracked = descriptor.features().stream().filter(f -> f.histogram() != null).toList();
        trackedIndex = tracked.stream().mapToInt(f -> descriptor.features().indexOf(f)).toArray();
        bins = new byte[tracked.size()][windowSize];
        outOfRange = new boolean[tracked.size()][windowSize];
        List<String> labelSet = descriptor.labels() == null ? List.of() : descriptor.labels();
        labels = new byte[windowSize];
        String name = descriptor.name();
        String version = descriptor.version();
        for (int f = 0; f < tracked.size(); f++) {
            int index = f;
            String feature = tracked.get(f).name();
            Gauge.builder("scoring.drift.psi", this, m -> m.featurePsi(index))
                    .description("Population stability index of live inputs against the training distribution")
                    .tags("model", name, "version", version, "feature", feature).register(registry);
            Gauge.builder("scoring.drift.out_of_range.ratio", this, m -> m.outOfRangeRatio(index))
                    .description("Share of live inputs outside the training range")
                    .tags("model", name, "version", version, "feature", feature).register(registry);
        }
        Map<String, Double> prior = descriptor.labelPrior();
        if (prior != null && !labelSet.isEmpty()) {
            for (int l = 0; l < labelSet.size(); l++) {
                int index = l;
                String label = labelSet.get(l);
                Gauge.builder("scoring.prediction.share", this, m -> m.predictionShare(index))
                        .description("Share of each predicted label in the window")
                        .tags("model", name, "version", version, "label", label).register(registry);
                Gauge.builder("scoring.prediction.prior", prior, p -> p.getOrDefault(label, 0.0))
                        .description("Share of each label in the training split")
                        .tags("model", name, "version", version, "label", label).register(registry);
            }
            Gauge.builder("scoring.prediction.psi", this, DriftMonitor::predictionPsi)
                    .description("Population stability index of predicted labels against the training prior")
                    .tags("model", name, "version", version).register(registry);
        }
        Gauge.builder("scoring.drift.window.rows", this, m -> m.windowRows())
                .description("Scored rows in the drift window")
                .tags("model", name, "version", version).register(registry);
    }

    public synchronized void observe(List<ValidatedRow> rows, List<ScoreResult> results) {
        if (descriptor == null) {
            return;
        }
        for (int r = 0; r < rows.size(); r++) {
            double[] values = rows.get(r).values();
            for (int f = 0; f < tracked.size(); f++) {
                ModelDescriptor.Feature feature = tracked.get(f);
                double v = values[trackedIndex[f]];
                bins[f][next] = (byte) feature.histogram().binOf(v);
                outOfRange[f][next] = v < feature.min() || v > feature.max();
            }
            String label = results.get(r).label();
            labels[next] = (byte) (label == null || descriptor.labels() == null ? -1 : descriptor.labels().indexOf(label));
            next = (next + 1) % windowSize;
            filled = Math.min(filled + 1, windowSize);
        }
    }

    synchronized double featurePsi(int f) {
        long[] counts = new long[tracked.get(f).histogram().shares().size()];
        for (int i = 0; i < filled; i++) {
            counts[bins[f][i]]++;
        }
        return Psi.of(tracked.get(f).histogram().shares(), counts, filled);
    }

    synchronized double outOfRangeRatio(int f) {
        if (filled == 0) {
            return Double.NaN;
        }
        long n = 0;
        for (int i = 0; i < filled; i++) {
            n += outOfRange[f][i] ? 1 : 0;
        }
        return (double) n / filled;
    }

    synchronized double predictionShare(int label) {
        if (filled == 0) {
            return Double.NaN;
        }
        return (double) labelCounts()[label] / filled;
    }

    synchronized double predictionPsi() {
        List<Double> prior = new ArrayList<>();
        descriptor.labels().forEach(l -> prior.add(descriptor.labelPrior().getOrDefault(l, 0.0)));
        return Psi.of(prior, labelCounts(), filled);
    }

    synchronized int windowRows() {
        return filled;
    }

    private long[] labelCounts() {
        long[] counts = new long[descriptor.labels().size()];
        for (int i = 0; i < filled; i++) {
            if (labels[i] >= 0) {
                counts[labels[i]]++;
            }
        }
        return counts;
    }
}
