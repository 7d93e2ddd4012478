package dev.scoring.manifests;

import java.util.List;

/**
 * Who may connect to a function's pods.
 *
 * @param servingNamespaces Knative Serving's activator and ingress gateways
 * @param eventingNamespaces the eventing data plane
 * @param scraperNamespaces the metrics scraper's namespaces, admitted on the metrics port only
 * @param metricsPort the container port serving {@code /q/metrics}
 * @param namespaceLabel the namespace label holding its name
 */
public record NetworkPolicySettings(List<String> servingNamespaces, List<String> eventingNamespaces,
        List<String> scraperNamespaces, int metricsPort, String namespaceLabel) {

    /** The extension's defaults (scoring-knative.network-policy.*): Knative with Kourier or Istio, no scraper. */
    public static NetworkPolicySettings defaults() {
        return new NetworkPolicySettings(List.of("knative-serving", "kourier-system", "istio-system"),
                List.of("knative-eventing"), List.of(), 8080, "kubernetes.io/metadata.name");
    }

    public NetworkPolicySettings {
        servingNamespaces = List.copyOf(servingNamespaces);
        eventingNamespaces = List.copyOf(eventingNamespaces);
        scraperNamespaces = List.copyOf(scraperNamespaces);
    }
}
