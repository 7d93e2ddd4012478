package dev.scoring.operator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.scoring.manifests.scoringfunction.ScoringFunction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.GenericKubernetesResourceMatcher;

/**
 * Writes a ScoringFunction's resources: creates what is missing and puts back what drifted. A resource has drifted
 * when a value the operator sets differs from the cluster's (a hand-edited max-scale, a removed label); values the
 * cluster added (Knative's defaults, other controllers' annotations) are left alone, so a reconcile that finds
 * nothing to do writes nothing. Every resource is owned by its ScoringFunction (a controller owner reference), so
 * the API server's garbage collector deletes it with the ScoringFunction.
 */
final class OwnedResources {

    private final KubernetesClient client;
    private final KubernetesSerialization serialization;

    OwnedResources(KubernetesClient client) {
        this.client = client;
        this.serialization = client.getKubernetesSerialization();
    }

    enum Outcome {
        CREATED,
        REPAIRED,
        UNCHANGED
    }

    /** Makes {@code desired} (not yet namespaced or owned) exist as the operator would write it. */
    <R extends HasMetadata> Outcome apply(ScoringFunction owner, R desired, Optional<R> actual,
            Context<ScoringFunction> context) {
        desired.getMetadata().setNamespace(owner.getMetadata().getNamespace());
        desired.getMetadata().setOwnerReferences(List.of(ownerReference(owner)));
        if (actual.isEmpty()) {
            client.resource(desired).create();
            return Outcome.CREATED;
        }
        R current = actual.get();
        boolean owned = current.getMetadata().getOwnerReferences() != null
                && current.getMetadata().getOwnerReferences().contains(ownerReference(owner));
        if (owned && GenericKubernetesResourceMatcher.match(desired, current, false, false, context).matched()) {
            return Outcome.UNCHANGED;
        }
        client.resource(repaired(desired, current, owner)).update();
        return Outcome.REPAIRED;
    }

    /** Deletes a resource the ScoringFunction no longer asks for (e.g. its Triggers once eventing is off). */
    void delete(HasMetadata stale) {
        client.resource(stale).delete();
    }

    static boolean ownedBy(HasMetadata resource, ScoringFunction owner) {
        return resource.getMetadata().getOwnerReferences() != null && resource.getMetadata().getOwnerReferences()
                .stream().anyMatch(r -> owner.getMetadata().getUid().equals(r.getUid()));
    }

    static OwnerReference ownerReference(ScoringFunction owner) {
        return new OwnerReferenceBuilder()
                .withApiVersion(owner.getApiVersion())
                .withKind(owner.getKind())
                .withName(owner.getMetadata().getName())
                .withUid(owner.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
    }

    /**
     * The cluster's resource with the operator's spec, labels, annotations and owner put back. Its resource version
     * is kept, so an update racing another writer fails and is retried on a fresh read.
     */
    @SuppressWarnings("unchecked")
    private <R extends HasMetadata> R repaired(R desired, R current, ScoringFunction owner) {
        ObjectNode node = (ObjectNode) serialization.convertValue(current, JsonNode.class);
        ObjectNode wanted = (ObjectNode) serialization.convertValue(desired, JsonNode.class);
        node.set("spec", wanted.get("spec"));
        R result = (R) serialization.convertValue(node, current.getClass());
        result.getMetadata().setLabels(merged(current.getMetadata().getLabels(), desired.getMetadata().getLabels()));
        result.getMetadata().setAnnotations(
                merged(current.getMetadata().getAnnotations(), desired.getMetadata().getAnnotations()));
        result.getMetadata().setOwnerReferences(List.of(ownerReference(owner)));
        return result;
    }

    private static Map<String, String> merged(Map<String, String> current, Map<String, String> desired) {
        Map<String, String> merged = new LinkedHashMap<>();
        if (current != null) {
            merged.putAll(current);
        }
        if (desired != null) {
            merged.putAll(desired);
        }
        return merged;
    }
}
