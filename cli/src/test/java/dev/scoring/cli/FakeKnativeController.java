package dev.scoring.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.scoring.testing.KnativeMockCluster;
import io.fabric8.knative.client.KnativeClient;
import io.fabric8.knative.pkg.apis.ConditionBuilder;
import io.fabric8.knative.serving.v1.Revision;
import io.fabric8.knative.serving.v1.RevisionBuilder;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.knative.serving.v1.ServiceBuilder;
import io.fabric8.knative.serving.v1.ServiceStatusBuilder;
import io.fabric8.knative.serving.v1.TrafficTarget;
import io.fabric8.knative.serving.v1.TrafficTargetBuilder;

/**
 * What Knative Serving's controller does that the in-memory API server does not: for the
 * Service's current template it makes a Revision (named as the template says, or
 * {@code <service>-<generation>}), then writes the Service's status: latest created and latest
 * ready revision, URL, the traffic resolved to revisions with tag URLs, and the Ready condition.
 * Revisions listed in {@link #failing} never become ready.
 */
class FakeKnativeController {

    final Set<String> failing = new HashSet<>();
    private final KnativeClient knative;
    private final String namespace;

    FakeKnativeController(KnativeMockCluster cluster) {
        this.knative = cluster.knative();
        this.namespace = cluster.namespace();
    }

    /** A function as the build deploys it (scoring.dev labels, Knative's default traffic), reconciled. */
    void deploy(String function, String image, String modelVersion) {
        knative.services().inNamespace(namespace).resource(new ServiceBuilder()
                .withNewMetadata().withName(function)
                .addToLabels(KnativeFunctions.MODEL_LABEL, function)
                .addToLabels(KnativeFunctions.MODEL_VERSION_LABEL, modelVersion)
                .endMetadata()
                .withNewSpec().withNewTemplate()
                .withNewMetadata().addToLabels(KnativeFunctions.MODEL_VERSION_LABEL, modelVersion).endMetadata()
                .withNewSpec().addNewContainer().withName(function).withImage(image).endContainer().endSpec()
                .endTemplate().endSpec()
                .build()).create();
        reconcile(function);
    }

    void reconcile(String function) {
        Service service = knative.services().inNamespace(namespace).withName(function).get();
        List<Revision> revisions = knative.revisions().inNamespace(namespace)
                .withLabel(KnativeFunctions.SERVICE_LABEL, function).list().getItems();
        long generation = revisions.size() + 1L;
        String name = service.getSpec().getTemplate().getMetadata().getName();
        if (name == null) {
            name = String.format(Locale.ROOT, "%s-%05d", function, generation);
        }
        String revisionName = name;
        String latestReady = service.getStatus() == null ? null : service.getStatus().getLatestReadyRevisionName();
        if (revisions.stream().noneMatch(r -> r.getMetadata().getName().equals(revisionName))) {
            boolean ready = !failing.contains(revisionName);
            knative.revisions().inNamespace(namespace).resource(new RevisionBuilder()
                    .withNewMetadata().withName(revisionName)
                    .withLabels(Map.of(KnativeFunctions.SERVICE_LABEL, function,
                            KnativeFunctions.GENERATION_LABEL, Long.toString(generation)))
                    .endMetadata()
                    .withNewSpec().withContainers(service.getSpec().getTemplate().getSpec().getContainers()).endSpec()
                    .withNewStatus().addToConditions(new ConditionBuilder().withType("Ready")
                            .withStatus(ready ? "True" : "False").build()).endStatus()
                    .build()).create();
            if (ready) {
                latestReady = revisionName;
            }
        }
        List<TrafficTarget> spec = service.getSpec().getTraffic() == null || service.getSpec().getTraffic().isEmpty()
                ? List.of(new TrafficTargetBuilder().withLatestRevision(true).withPercent(100L).build())
                : service.getSpec().getTraffic();
        List<TrafficTarget> resolved = new ArrayList<>();
        for (TrafficTarget target : spec) {
            resolved.add(new TrafficTargetBuilder()
                    .withRevisionName(Boolean.TRUE.equals(target.getLatestRevision()) ? latestReady
                            : target.getRevisionName())
                    .withLatestRevision(target.getLatestRevision())
                    .withPercent(target.getPercent())
                    .withTag(target.getTag())
                    .withUrl(target.getTag() == null ? null : url(target.getTag() + "-" + function))
                    .build());
        }
        service.setStatus(new ServiceStatusBuilder()
                .withLatestCreatedRevisionName(revisionName)
                .withLatestReadyRevisionName(latestReady)
                .withUrl(url(function))
                .withTraffic(resolved)
                .addToConditions(new ConditionBuilder().withType("Ready")
                        .withStatus(revisionName.equals(latestReady) ? "True" : "False").build())
                .build());
        knative.services().inNamespace(namespace).resource(service).update();
    }

    private String url(String host) {
        return "http://" + host + "." + namespace + ".example.com";
    }
}
