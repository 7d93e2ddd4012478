package dev.scoring.manifests;

import java.util.LinkedHashMap;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;

/**
 * What every resource of a function has in common beside the Knative Service: the labels naming the
 * function it belongs to, and the shape of a resource the fabric8 model has no class for (a name, those
 * labels and a {@code spec}).
 */
public final class GeneratedResources {

    private GeneratedResources() {
    }

    /** {@code app.kubernetes.io/name} = the function, {@code app.kubernetes.io/part-of} = scoring. */
    public static Map<String, String> labels(String function) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", function);
        labels.put("app.kubernetes.io/part-of", "scoring");
        return labels;
    }

    public static GenericKubernetesResource resource(String apiVersion, String kind, String name,
            Map<String, String> labels, Map<String, Object> spec) {
        return builder(apiVersion, kind, name, labels, spec).build();
    }

    public static GenericKubernetesResource resource(String apiVersion, String kind, String name,
            Map<String, String> labels, Map<String, String> annotations, Map<String, Object> spec) {
        GenericKubernetesResourceBuilder builder = builder(apiVersion, kind, name, labels, spec);
        builder.editMetadata().withAnnotations(annotations).endMetadata();
        return builder.build();
    }

    private static GenericKubernetesResourceBuilder builder(String apiVersion, String kind, String name,
            Map<String, String> labels, Map<String, Object> spec) {
        return new GenericKubernetesResourceBuilder()
                .withApiVersion(apiVersion)
                .withKind(kind)
                .withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .addToAdditionalProperties("spec", spec);
    }
}
