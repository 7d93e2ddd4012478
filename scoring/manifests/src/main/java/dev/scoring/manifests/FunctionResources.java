package dev.scoring.manifests;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.scoring.manifests.scoringfunction.ComputeResources;
import dev.scoring.manifests.scoringfunction.Eventing;
import dev.scoring.manifests.scoringfunction.ScoringFunction;
import dev.scoring.manifests.scoringfunction.ScoringFunctionSpec;
import dev.scoring.manifests.scoringfunction.ScoringFunctions;
import dev.scoring.manifests.scoringfunction.Scaling;
import dev.scoring.manifests.scoringfunction.Visibility;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * The resources a ScoringFunction stands for: the Knative Service, the NetworkPolicy and the Eventing resources,
 * rendered by the same code the build's decorators use ({@code dev.scoring.manifests}), so that a function
 * deployed through a ScoringFunction and one deployed by its build get the same resources. What the CRD's schema
 * cannot say (one field against another, a duration Java must parse) is checked here first.
 */
public final class FunctionResources {

    private FunctionResources() {
    }

    public static List<HasMetadata> of(ScoringFunction function) throws InvalidSpecException {
        ScoringFunctionSpec spec = function.getSpec();
        validate(spec);
        String name = function.getMetadata().getName();
        List<HasMetadata> resources = new ArrayList<>();
        resources.add(FunctionService.of(serving(name, spec)));
        resources.add(NetworkPolicies.of(name, NetworkPolicySettings.defaults()));
        if (spec.eventing.enabled) {
            resources.addAll(EventingResources.of(name, eventTypes(spec), eventing(spec.eventing)));
        }
        return resources;
    }

    /** What the schema cannot check; the first problem found, naming its field. */
    static void validate(ScoringFunctionSpec spec) throws InvalidSpecException {
        if (spec == null) {
            throw new InvalidSpecException("", "missing");
        }
        if (spec.image == null || spec.image.isBlank()) {
            throw new InvalidSpecException("image", "missing: the function's container image");
        }
        if (spec.model == null || spec.model.name == null || spec.model.version == null || spec.model.sha256 == null) {
            throw new InvalidSpecException("model", "name, version and sha256 are required");
        }
        Scaling scaling = spec.scaling;
        if (scaling.maxScale < scaling.minScale) {
            throw new InvalidSpecException("scaling.maxScale",
                    scaling.maxScale + " is below scaling.minScale " + scaling.minScale);
        }
        if (spec.canaryTrafficPercent != null && (spec.canaryTrafficPercent < 0 || spec.canaryTrafficPercent > 100)) {
            throw new InvalidSpecException("canaryTrafficPercent", spec.canaryTrafficPercent + " is not within 0..100");
        }
        try {
            Duration.parse(spec.eventing.backoffDelay);
        } catch (DateTimeParseException e) {
            throw new InvalidSpecException("eventing.backoffDelay",
                    "'" + spec.eventing.backoffDelay + "' is not an ISO-8601 duration such as PT1S");
        }
        try {
            kafkaSecurity(spec.eventing);
        } catch (IllegalArgumentException e) {
            throw new InvalidSpecException("eventing.kafkaSecurityProtocol", e.getMessage());
        }
    }

    private static ServingSettings serving(String name, ScoringFunctionSpec spec) {
        Scaling scaling = spec.scaling;
        ComputeResources resources = spec.resources;
        List<EnvVar> env = new ArrayList<>();
        if (spec.payloadLogging) {
            env.add(ScoringFunctions.payloadLogging());
        }
        if (spec.tracing) {
            env.add(ScoringFunctions.tracing());
        }
        KafkaSecurity security = kafkaSecurity(spec.eventing);
        if (!security.plainWithoutSecret()) {
            env.addAll(security.containerEnv());
        }
        return new ServingSettings(name, spec.image,
                new ServingSettings.ModelIdentity(spec.model.name, spec.model.version, spec.model.sha256),
                new ServingSettings.Scaling(scaling.minScale, scaling.maxScale, scaling.target,
                        scaling.containerConcurrency, scaling.initialScale, scaling.scaleDownDelay),
                new ServingSettings.Resources(resources.requests.cpu, resources.requests.memory, resources.limits.cpu,
                        resources.limits.memory),
                spec.visibility == Visibility.CLUSTER_LOCAL, Optional.ofNullable(spec.topologyKey), env);
    }

    /** The model's event types unless the ScoringFunction names its own, as the extension defaults them. */
    private static EventTypes eventTypes(ScoringFunctionSpec spec) {
        EventTypes defaults = EventTypes.defaults(spec.model.name);
        return new EventTypes(Optional.ofNullable(spec.eventing.requestType).orElse(defaults.request()),
                Optional.ofNullable(spec.eventing.explainType).orElse(defaults.explain()), defaults.scored(),
                defaults.kafka());
    }

    private static EventingSettings eventing(Eventing eventing) {
        return new EventingSettings(eventing.broker, eventing.retry, eventing.backoffPolicy,
                Duration.parse(eventing.backoffDelay), eventing.deliveryOrder, eventing.deadLetterSink,
                eventing.kafkaBootstrapServers, eventing.inputTopics, Optional.ofNullable(eventing.resultsTopic),
                kafkaSecurity(eventing), Optional.empty());
    }

    private static KafkaSecurity kafkaSecurity(Eventing eventing) {
        return new KafkaSecurity(eventing.kafkaSecurityProtocol, Optional.ofNullable(eventing.kafkaCredentialsSecret));
    }
}
