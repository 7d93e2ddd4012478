package dev.scoring.deployment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.dekorate.kubernetes.decorator.ResourceProvidingDecorator;
import io.fabric8.kubernetes.api.model.KubernetesListBuilder;

/**
 * Adds a {@code networking.k8s.io/v1} NetworkPolicy that admits to the function's pods only what has to
 * reach them: Knative's activator and ingress gateways (every HTTP request and every event delivery of a
 * Knative Service passes through them), the eventing data plane (which reaches pods directly in a mesh),
 * and, on the container port only, the metrics scraper's namespaces. Everything else in the cluster is
 * refused, so a pod of another namespace cannot score by calling the pod's IP. Kubelet probes are not
 * subject to NetworkPolicy.
 */
class NetworkPolicyDecorator extends ResourceProvidingDecorator<KubernetesListBuilder> {

    private final String function;
    private final Map<String, String> labels;
    private final ScoringBuildConfig.NetworkPolicyConfig config;

    NetworkPolicyDecorator(String function, Map<String, String> labels, ScoringBuildConfig.NetworkPolicyConfig config) {
        this.function = function;
        this.labels = labels;
        this.config = config;
    }

    @Override
    public void visit(KubernetesListBuilder list) {
        list.addToItems(GeneratedResources.resource("networking.k8s.io/v1", "NetworkPolicy", function, labels, spec()));
    }

    Map<String, Object> spec() {
        List<String> platform = new ArrayList<>(config.servingNamespaces());
        platform.addAll(config.eventingNamespaces());
        List<Object> ingress = new ArrayList<>();
        ingress.add(Map.of("from", List.of(namespaces(platform))));
        config.scraperNamespaces().filter(scrapers -> !scrapers.isEmpty()).ifPresent(scrapers -> ingress.add(Map.of(
                "from", List.of(namespaces(scrapers)),
                "ports", List.of(Map.of("port", config.metricsPort(), "protocol", "TCP")))));
        Map<String, Object> spec = new LinkedHashMap<>();
        // Quarkus puts app.kubernetes.io/name on the pod template of every target (Knative, Kubernetes).
        spec.put("podSelector", Map.of("matchLabels", Map.of("app.kubernetes.io/name", function)));
        spec.put("policyTypes", List.of("Ingress"));
        spec.put("ingress", ingress);
        return spec;
    }

    private Map<String, Object> namespaces(List<String> names) {
        Map<String, Object> expression = new LinkedHashMap<>();
        expression.put("key", config.namespaceLabel());
        expression.put("operator", "In");
        expression.put("values", List.copyOf(names));
        return Map.of("namespaceSelector", Map.of("matchExpressions", List.of(expression)));
    }
}
