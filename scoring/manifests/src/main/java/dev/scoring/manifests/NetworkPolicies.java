package dev.scoring.manifests;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

/**
 * A function's {@code networking.k8s.io/v1} NetworkPolicy: it admits to the function's pods only what has
 * to reach them: Knative's activator and ingress gateways (every HTTP request and every event delivery of a
 * Knative Service passes through them), the eventing data plane (which reaches pods directly in a mesh),
 * and, on the metrics port only, the metrics scraper's namespaces. Everything else in the cluster is
 * refused, so a pod of another namespace cannot score by calling the pod's IP. Kubelet probes are not
 * subject to NetworkPolicy.
 */
public final class NetworkPolicies {

    private NetworkPolicies() {
    }

    public static GenericKubernetesResource of(String function, NetworkPolicySettings settings) {
        return GeneratedResources.resource("networking.k8s.io/v1", "NetworkPolicy", function,
                GeneratedResources.labels(function), spec(function, settings));
    }

    static Map<String, Object> spec(String function, NetworkPolicySettings settings) {
        List<String> platform = new ArrayList<>(settings.servingNamespaces());
        platform.addAll(settings.eventingNamespaces());
        List<Object> ingress = new ArrayList<>();
        ingress.add(Map.of("from", List.of(namespaces(settings, platform))));
        if (!settings.scraperNamespaces().isEmpty()) {
            ingress.add(Map.of(
                    "from", List.of(namespaces(settings, settings.scraperNamespaces())),
                    "ports", List.of(Map.of("port", settings.metricsPort(), "protocol", "TCP"))));
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        // Quarkus puts app.kubernetes.io/name on the pod template of every target (Knative, Kubernetes).
        spec.put("podSelector", Map.of("matchLabels", Map.of("app.kubernetes.io/name", function)));
        spec.put("policyTypes", List.of("Ingress"));
        spec.put("ingress", ingress);
        return spec;
    }

    private static Map<String, Object> namespaces(NetworkPolicySettings settings, List<String> names) {
        Map<String, Object> expression = new LinkedHashMap<>();
        expression.put("key", settings.namespaceLabel());
        expression.put("operator", "In");
        expression.put("values", List.copyOf(names));
        return Map.of("namespaceSelector", Map.of("matchExpressions", List.of(expression)));
    }
}
