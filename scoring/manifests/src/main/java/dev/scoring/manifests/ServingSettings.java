package dev.scoring.manifests;

import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.EnvVar;

/**
 * A function's Knative Service, as the build's {@code quarkus.knative.*} and {@code scoring-knative.*}
 * settings describe it.
 *
 * @param function the Service's name
 * @param image the container image
 * @param model the model the image serves
 * @param scaling the Knative Pod Autoscaler's settings
 * @param resources container requests and limits (cpu, memory)
 * @param clusterLocal reachable inside the cluster only
 * @param topologyKey spread instances across this topology domain; empty: no spread constraint
 * @param env the container's environment beside the shared defaults
 */
public record ServingSettings(String function, String image, ModelIdentity model, Scaling scaling,
        Resources resources, boolean clusterLocal, Optional<String> topologyKey, List<EnvVar> env) {

    public ServingSettings {
        env = List.copyOf(env);
    }

    /** The model, as its descriptor names it. */
    public record ModelIdentity(String name, String version, String sha256) {
    }

    /**
     * @param scaleDownDelay a Go duration, as Knative's annotation reads it (e.g. {@code 0s}, {@code 15m})
     */
    public record Scaling(int minScale, int maxScale, int target, int containerConcurrency, int initialScale,
            String scaleDownDelay) {
    }

    public record Resources(String requestsCpu, String requestsMemory, String limitsCpu, String limitsMemory) {
    }
}
