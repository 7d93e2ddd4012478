package dev.scoring.manifests.scoringfunction;

import dev.scoring.manifests.ServingSettings;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

/** ScoringFunctions described from what a function's build decided. */
public final class ScoringFunctions {

    /** The container variable that switches payload logging on. */
    public static EnvVar payloadLogging() {
        return new EnvVar("SCORING_PAYLOAD_LOG_ENABLED", "true", null);
    }

    /** The container variable that records a span for every request, not only for sampled callers. */
    public static EnvVar tracing() {
        return new EnvVar("QUARKUS_OTEL_TRACES_SAMPLER", "parentbased_always_on", null);
    }

    private ScoringFunctions() {
    }

    /**
     * The ScoringFunction of a function's Knative Service settings and Eventing wiring. Container variables
     * other than the switches a ScoringFunction has ({@link #payloadLogging()}, {@link #tracing()}) are not carried
     * over: whoever needs an exact alternative compares the ScoringFunction's rendering with the build's resources.
     */
    public static ScoringFunction of(ServingSettings serving, Eventing eventing) {
        ScoringFunctionSpec spec = new ScoringFunctionSpec();
        spec.image = serving.image();
        spec.model = new ModelReference();
        spec.model.name = serving.model().name();
        spec.model.version = serving.model().version();
        spec.model.sha256 = serving.model().sha256();
        spec.scaling.minScale = serving.scaling().minScale();
        spec.scaling.maxScale = serving.scaling().maxScale();
        spec.scaling.target = serving.scaling().target();
        spec.scaling.containerConcurrency = serving.scaling().containerConcurrency();
        spec.scaling.initialScale = serving.scaling().initialScale();
        spec.scaling.scaleDownDelay = serving.scaling().scaleDownDelay();
        spec.resources.requests = new ComputeResources.Compute(serving.resources().requestsCpu(),
                serving.resources().requestsMemory());
        spec.resources.limits = new ComputeResources.Compute(serving.resources().limitsCpu(),
                serving.resources().limitsMemory());
        spec.visibility = serving.clusterLocal() ? Visibility.CLUSTER_LOCAL : Visibility.EXTERNAL;
        spec.topologyKey = serving.topologyKey().orElse(null);
        spec.payloadLogging = serving.env().contains(payloadLogging());
        spec.tracing = serving.env().contains(tracing());
        spec.eventing = eventing;
        ScoringFunction function = new ScoringFunction();
        function.setMetadata(new ObjectMetaBuilder().withName(serving.function()).build());
        function.setSpec(spec);
        function.setStatus(null);
        return function;
    }
}
