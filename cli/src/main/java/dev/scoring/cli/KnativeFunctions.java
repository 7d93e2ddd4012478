package dev.scoring.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.fabric8.knative.client.KnativeClient;
import io.fabric8.knative.pkg.apis.Condition;
import io.fabric8.knative.serving.v1.Revision;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.knative.serving.v1.TrafficTarget;
import io.fabric8.knative.serving.v1.TrafficTargetBuilder;

/**
 * The scoring functions of one namespace as Knative Services, and the traffic operations on them.
 * A function is a Knative Service with the {@code scoring.dev/model} label (every function the
 * build generates has it). Only the Service's spec is written; its status, which the Knative
 * controller maintains, is read to find the latest ready revision and the one before it.
 */
class KnativeFunctions {

    static final String MODEL_LABEL = "scoring.dev/model";
    static final String MODEL_VERSION_LABEL = "scoring.dev/model-version";
    static final String SERVICE_LABEL = "serving.knative.dev/service";
    static final String GENERATION_LABEL = "serving.knative.dev/configurationGeneration";

    private final KnativeClient client;
    private final String namespace;

    KnativeFunctions(KnativeClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    String namespace() {
        return namespace;
    }

    List<Service> list() {
        return client.services().inNamespace(namespace).withLabel(MODEL_LABEL).list().getItems().stream()
                .sorted(Comparator.comparing(s -> s.getMetadata().getName()))
                .toList();
    }

    Service get(String function) {
        Service service = client.services().inNamespace(namespace).withName(function).get();
        if (service == null) {
            throw new CliException(CliException.NOT_FOUND,
                    "function '" + function + "' not found in namespace " + namespace);
        }
        return service;
    }

    /**
     * A new revision named explicitly, running {@code image}, that gets {@code canaryPercent} of the
     * traffic under {@code tag}; the latest ready revision keeps the rest.
     *
     * @return the new revision's name
     */
    String rollout(String function, String image, String modelVersion, int canaryPercent, String tag) {
        Service service = get(function);
        String previous = latestReady(service).orElseThrow(() -> new CliException(CliException.FAILED,
                "function '" + function + "' has no ready revision to keep serving beside the canary;"
                        + " deploy it first or wait until it is ready"));
        long generation = Optional.ofNullable(service.getMetadata().getGeneration()).orElse(1L);
        String revision = RevisionNames.next(function, modelVersion, generation + 1);
        if (revisions(function).stream().anyMatch(r -> r.getMetadata().getName().equals(revision))) {
            throw new CliException(CliException.FAILED, "revision " + revision + " already exists");
        }
        List<TrafficTarget> traffic = List.of(
                new TrafficTargetBuilder().withRevisionName(previous).withPercent(100L - canaryPercent)
                        .withLatestRevision(false).build(),
                new TrafficTargetBuilder().withRevisionName(revision).withPercent((long) canaryPercent)
                        .withLatestRevision(false).withTag(tag).build());
        client.services().inNamespace(namespace).withName(function).edit(s -> {
            var template = s.getSpec().getTemplate();
            template.getMetadata().setName(revision);
            if (modelVersion != null) {
                Map<String, String> labels = new HashMap<>(
                        Objects.requireNonNullElse(template.getMetadata().getLabels(), Map.of()));
                labels.put(MODEL_VERSION_LABEL, modelVersion);
                template.getMetadata().setLabels(labels);
            }
            template.getSpec().getContainers().get(0).setImage(image);
            s.getSpec().setTraffic(traffic);
            return s;
        });
        return revision;
    }

    /**
     * All traffic to the latest revision, now and for revisions created later (Knative's default).
     *
     * @return the revision that now serves everything
     */
    String promote(String function) {
        Service service = get(function);
        String latestCreated = service.getStatus() == null ? null : service.getStatus().getLatestCreatedRevisionName();
        String latestReady = latestReady(service).orElse(null);
        if (latestReady == null || !latestReady.equals(latestCreated)) {
            throw new CliException(CliException.FAILED, "the latest revision of '" + function + "' ("
                    + (latestCreated == null ? "none" : latestCreated) + ") is not ready"
                    + (latestReady == null ? "" : "; the latest ready one is " + latestReady)
                    + ": not promoted");
        }
        setTraffic(function, List.of(new TrafficTargetBuilder().withLatestRevision(true).withPercent(100L).build()));
        return latestReady;
    }

    /**
     * All traffic to the newest ready revision older than the latest one: the one that served before
     * the last rollout. Pinned, so a later deployment does not take the traffic back by itself.
     *
     * @return the revision that now serves everything
     */
    String rollback(String function) {
        Service service = get(function);
        String latest = Optional.ofNullable(service.getStatus()).map(s -> s.getLatestCreatedRevisionName())
                .orElseThrow(() -> new CliException(CliException.FAILED,
                        "function '" + function + "' has no revision yet: nothing to roll back"));
        List<Revision> revisions = revisions(function);
        long latestGeneration = revisions.stream().filter(r -> r.getMetadata().getName().equals(latest))
                .mapToLong(KnativeFunctions::generation).findFirst().orElse(Long.MAX_VALUE);
        String previous = revisions.stream()
                .filter(r -> generation(r) < latestGeneration && isReady(r.getStatus() == null ? null
                        : r.getStatus().getConditions()))
                .max(Comparator.comparingLong(KnativeFunctions::generation))
                .map(r -> r.getMetadata().getName())
                .orElseThrow(() -> new CliException(CliException.FAILED, "function '" + function
                        + "' has no ready revision older than " + latest + ": nothing to roll back to"));
        setTraffic(function, List.of(new TrafficTargetBuilder().withRevisionName(previous).withPercent(100L)
                .withLatestRevision(false).build()));
        return previous;
    }

    List<Revision> revisions(String function) {
        return client.revisions().inNamespace(namespace).withLabel(SERVICE_LABEL, function).list().getItems();
    }

    private void setTraffic(String function, List<TrafficTarget> traffic) {
        client.services().inNamespace(namespace).withName(function).edit(s -> {
            s.getSpec().setTraffic(new ArrayList<>(traffic));
            return s;
        });
    }

    static Optional<String> latestReady(Service service) {
        return Optional.ofNullable(service.getStatus()).map(s -> s.getLatestReadyRevisionName());
    }

    /** Ready condition: {@code True}, {@code False}, or {@code Unknown} while reconciling or without a status. */
    static String readiness(List<Condition> conditions) {
        if (conditions == null) {
            return "Unknown";
        }
        return conditions.stream().filter(c -> "Ready".equals(c.getType())).map(Condition::getStatus)
                .findFirst().orElse("Unknown");
    }

    static boolean isReady(List<Condition> conditions) {
        return "True".equals(readiness(conditions));
    }

    /** Knative labels every revision with its configuration's generation: the order revisions were made in. */
    private static long generation(Revision revision) {
        Map<String, String> labels = revision.getMetadata().getLabels();
        String value = labels == null ? null : labels.get(GENERATION_LABEL);
        if (value == null) {
            return Long.MIN_VALUE;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }
}
