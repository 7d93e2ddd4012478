package dev.scoring.manifests.scoringfunction;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * What a platform team declares for one scoring function. Every default equals the build's default
 * (docs/configuration.md), so a {@code ScoringFunction} written by the build and the manifests the build
 * writes describe the same deployment.
 */
public class ScoringFunctionSpec {

    @Required
    @Pattern("^\\S+$")
    @JsonPropertyDescription("The function's container image, as the build pushed it (repository:tag or @digest).")
    public String image;

    @Required
    @JsonPropertyDescription("The model the image serves; the function refuses to become ready if its packaged model"
            + " does not match this sha256.")
    public ModelReference model;

    @JsonPropertyDescription("How Knative scales the function.")
    public Scaling scaling = new Scaling();

    @JsonPropertyDescription("CPU and memory of the function's container.")
    public ComputeResources resources = new ComputeResources();

    @Default("cluster-local")
    @JsonPropertyDescription("cluster-local (default): reachable inside the cluster only; external: through the"
            + " cluster's ingress, from outside.")
    public Visibility visibility = Visibility.CLUSTER_LOCAL;

    @JsonPropertyDescription("Spread instances across this topology domain when the scheduler can (e.g."
            + " topology.kubernetes.io/zone; needs Knative's kubernetes.podspec-topologyspreadconstraints flag);"
            + " absent: no spread constraint.")
    public String topologyKey;

    @JsonPropertyDescription("Knative Eventing wiring: Broker Triggers, Kafka input and results topics.")
    public Eventing eventing = new Eventing();

    @Min(0)
    @Max(100)
    @JsonPropertyDescription("Share of traffic the revision made by a change of image or model gets while the previous"
            + " ready revision keeps the rest; absent or 100: the new revision takes all traffic once ready.")
    public Integer canaryTrafficPercent;

    @Default("600")
    @Min(1)
    @JsonPropertyDescription("Seconds a new revision has to become ready; past it, or as soon as Knative reports the"
            + " revision failed, the operator moves all traffic back to the previous ready revision and says why in"
            + " status.")
    public int progressDeadlineSeconds = 600;

    @Default("false")
    @JsonPropertyDescription("Send every scored request and its answer as CloudEvents to the Broker (payloads hold"
            + " feature values: opt in).")
    public boolean payloadLogging;

    @Default("false")
    @JsonPropertyDescription("Record a trace span for every request, not only for callers that sampled theirs.")
    public boolean tracing;
}
