package dev.scoring.runtime.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.scoring.runtime.Channel;
import dev.scoring.runtime.ScoreResult;
import dev.scoring.runtime.model.LoadedModel;
import dev.scoring.runtime.ServedModel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The function's scoring metrics, exported at {@code /q/metrics} in Prometheus format. Every meter is
 * tagged with the model name and version so that dashboards can compare versions during a rollout.
 * <ul>
 * <li>{@code scoring_requests_total{channel, outcome}}: requests, by how they arrived and whether they were scored</li>
 * <li>{@code scoring_latency_seconds{channel}}: time to validate and score a scored request, with p50/p95/p99 and
 * fixed histogram buckets from 1 ms to 5 s</li>
 * <li>{@code scoring_errors_total{channel, reason}}: refused requests by error code (e.g. {@code missing_feature})</li>
 * <li>{@code scoring_predictions_total{label}}: predicted labels, one per scored row (classification)</li>
 * <li>{@code scoring_predicted_value}: count, sum and max of predicted values (regression)</li>
 * <li>{@code scoring_out_of_range_total{feature}}: feature values outside the training range</li>
 * </ul>
 */
@Singleton
public class ScoringMetrics {

    private static final String UNKNOWN_VERSION = "unknown";
    private static final Duration[] LATENCY_BUCKETS = {
            Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5) };

    private final MeterRegistry registry;
    private final ServedModel models;
    private final String functionName;
    private final Map<ChannelKey, ScoredMeters> scoredMeters = new ConcurrentHashMap<>();
    private final Map<TagKey, Counter> predictions = new ConcurrentHashMap<>();
    private final Map<TagKey, Counter> outOfRange = new ConcurrentHashMap<>();
    private final Map<TagKey, DistributionSummary> predictedValues = new ConcurrentHashMap<>();

    ScoringMetrics(MeterRegistry registry, ServedModel models,
            @ConfigProperty(name = "quarkus.application.name") String functionName) {
        this.registry = registry;
        this.models = models;
        this.functionName = functionName;
    }

    /**
     * Once per process, after the model is loaded: {@code scoring_startup_seconds} (JVM start to
     * ready, the cold-start cost of this instance) and {@code scoring_model_info} (1, with the model's
     * name, version, SHA-256 and how it was loaded as tags). A Knative cold start is a new process,
     * so {@code count(changes(process_start_time_seconds[5m]))} counts them.
     */
    void onStart(@jakarta.enterprise.event.Observes @jakarta.annotation.Priority(3000) io.quarkus.runtime.StartupEvent event) {
        double startup = (System.currentTimeMillis()
                - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime()) / 1000.0;
        String model = functionName;
        String version = UNKNOWN_VERSION;
        if (models.isReady()) {
            model = models.require().name();
            version = models.require().version();
            Gauge.builder("scoring.model.info", () -> 1)
                    .description("The served model: name, version, SHA-256 and origin as tags")
                    .tags("model", model, "version", version, "sha256", models.require().descriptor().model().sha256(),
                            "origin", models.origin())
                    .register(registry);
        }
        Gauge.builder("scoring.startup", () -> startup)
                .description("Seconds from JVM start to the function being ready (this instance's cold start)")
                .baseUnit("seconds")
                .tags("model", model, "version", version)
                .register(registry);
    }

    public void scored(Channel channel, LoadedModel model, List<ScoreResult> results, long elapsedNanos) {
        ScoredMeters meters = scoredMeters.computeIfAbsent(new ChannelKey(model.name(), model.version(), channel),
                this::scoredMeters);
        meters.latency().record(elapsedNanos, TimeUnit.NANOSECONDS);
        meters.successes().increment();
        for (ScoreResult result : results) {
            if (result.label() != null) {
                predictions.computeIfAbsent(new TagKey(model.name(), model.version(), result.label()),
                        this::predictionCounter).increment();
            }
            if (result.value() != null) {
                predictedValues.computeIfAbsent(new TagKey(model.name(), model.version(), null),
                        this::predictedValueSummary).record(result.value());
            }
            result.warnings().forEach(w -> outOfRange.computeIfAbsent(
                    new TagKey(model.name(), model.version(), featureOf(w.field())), this::outOfRangeCounter)
                    .increment());
        }
    }

    /*
     * The meters of every scored request are looked up once per model version and channel (label,
     * feature), not built and registered again per request or row: building a meter's id (tags sorted, copied) and finding it in
     * the registry cost more than scoring a row (bench/FINDINGS.md).
     */
    private ScoredMeters scoredMeters(ChannelKey key) {
        Timer latency = Timer.builder("scoring.latency")
                .description("Time to validate and score a request")
                .tags("model", key.model(), "version", key.version(), "channel", key.channel().tag())
                .publishPercentiles(0.5, 0.95, 0.99)
                // Fixed buckets, so that percentiles can also be aggregated across instances.
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry);
        return new ScoredMeters(latency, requests(key.channel(), "success", key.model(), key.version()));
    }

    private Counter predictionCounter(TagKey key) {
        return Counter.builder("scoring.predictions")
                .description("Predicted labels, one per scored row")
                .tags("model", key.model(), "version", key.version(), "label", key.value())
                .register(registry);
    }

    private DistributionSummary predictedValueSummary(TagKey key) {
        return DistributionSummary.builder("scoring.predicted.value")
                .description("Predicted values of a regression model")
                .tags("model", key.model(), "version", key.version())
                .register(registry);
    }

    private Counter outOfRangeCounter(TagKey key) {
        return Counter.builder("scoring.out_of_range")
                .description("Feature values outside the training range")
                .tags("model", key.model(), "version", key.version(), "feature", key.value())
                .register(registry);
    }

    public void refused(Channel channel, String reason) {
        String model = functionName;
        String version = UNKNOWN_VERSION;
        if (models.isReady()) {
            LoadedModel loaded = models.require();
            model = loaded.name();
            version = loaded.version();
        }
        requests(channel, "error", model, version).increment();
        Counter.builder("scoring.errors")
                .description("Refused scoring requests by reason")
                .tags("model", model, "version", version, "channel", channel.tag(), "reason", reason)
                .register(registry)
                .increment();
    }

    private Counter requests(Channel channel, String outcome, String model, String version) {
        return Counter.builder("scoring.requests")
                .description("Scoring requests by channel and outcome")
                .tags("model", model, "version", version, "channel", channel.tag(), "outcome", outcome)
                .register(registry);
    }

    /*
     * The two map keys below spell out equals and hashCode. A record's generated ones are an
     * invokedynamic to ObjectMethods, which a native executable runs as interpreted method handles
     * that look the record's fields up reflectively (and walk the stack for Field.setAccessible) on
     * every call: two lookups per scored request cost more than the rest of the scoring
     * (docs/native.md, "Throughput").
     */
    private record ChannelKey(String model, String version, Channel channel) {

        @Override
        public boolean equals(Object other) {
            return other instanceof ChannelKey key && channel == key.channel && model.equals(key.model)
                    && version.equals(key.version);
        }

        @Override
        public int hashCode() {
            return (model.hashCode() * 31 + version.hashCode()) * 31 + channel.hashCode();
        }
    }

    /** A model version and the value of a meter's own tag (label, feature), if it has one. */
    private record TagKey(String model, String version, String value) {

        @Override
        public boolean equals(Object other) {
            return other instanceof TagKey key && model.equals(key.model) && version.equals(key.version)
                    && Objects.equals(value, key.value);
        }

        @Override
        public int hashCode() {
            return (model.hashCode() * 31 + version.hashCode()) * 31 + Objects.hashCode(value);
        }
    }

    private record ScoredMeters(Timer latency, Counter successes) {
    }

    /** Batch warnings name their field {@code [3].petal_width}; the metric wants the feature. */
    private static String featureOf(String field) {
        int dot = field.lastIndexOf('.');
        return field.startsWith("[") && dot > 0 ? field.substring(dot + 1) : field;
    }
}
