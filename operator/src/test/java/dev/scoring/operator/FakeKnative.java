package dev.scoring.operator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.knative.pkg.apis.ConditionBuilder;
import io.fabric8.knative.serving.v1.Revision;
import io.fabric8.knative.serving.v1.RevisionBuilder;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.knative.serving.v1.ServiceStatusBuilder;
import io.fabric8.knative.serving.v1.TrafficTarget;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Plays Knative's controllers on the API server in memory, which has none: says a revision is ready or failed and
 * reports a Service's URL and traffic, as Knative Serving would.
 */
final class FakeKnative {

    private final KubernetesClient client;

    FakeKnative(KubernetesClient client) {
        this.client = client;
    }

    void revisionReady(String service, String revision) {
        revision(service, revision, "True", "", "");
    }

    void revisionFailed(String service, String revision, String reason, String message) {
        revision(service, revision, "False", reason, message);
    }

    private void revision(String service, String name, String ready, String reason, String message) {
        Revision revision = new RevisionBuilder()
                .withNewMetadata().withName(name).withLabels(Map.of(ScoringFunctionReconciler.SERVICE_LABEL, service))
                .endMetadata()
                .withNewStatus()
                .withConditions(new ConditionBuilder().withType("Ready").withStatus(ready).withReason(reason)
                        .withMessage(message).build())
                .endStatus()
                .build();
        Revision created = client.resource(revision).createOr(existing -> existing.update());
        created.setStatus(revision.getStatus());
        client.resource(created).updateStatus();
    }

    /** The Service ready, routing what its spec asks (the revisions it names are ready). */
    void serviceReady(String name) {
        Service service = client.resources(Service.class).withName(name).get();
        List<TrafficTarget> traffic = new ArrayList<>(service.getSpec().getTraffic());
        service.setStatus(new ServiceStatusBuilder()
                .withUrl("http://" + name + "." + service.getMetadata().getNamespace() + ".svc.cluster.local")
                .withConditions(new ConditionBuilder().withType("Ready").withStatus("True").build())
                .withTraffic(traffic)
                .build());
        client.resource(service).updateStatus();
    }
}
