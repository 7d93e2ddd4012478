package dev.scoring.operator;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.scoring.manifests.scoringfunction.ScoringFunction;
import dev.scoring.manifests.scoringfunction.ScoringFunctionStatus;
import io.fabric8.knative.pkg.apis.Condition;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

/**
 * A ScoringFunction's status from what the operator decided and what Knative reports: {@code Ready} (the Service
 * serves and the Eventing resources are ready), {@code ModelVerified} (the revision of the spec's model passed its
 * readiness check, which verifies the packaged model's checksum), {@code EventingReady} and
 * {@code RolloutInProgress}, plus the URL and the traffic split Knative reports.
 */
final class StatusReport {

    private final ScoringFunction function;
    private final ScoringFunctionStatus previous;
    private final long generation;
    private final Instant now;

    StatusReport(ScoringFunction function, ScoringFunctionStatus previous, long generation, Instant now) {
        this.function = function;
        this.previous = previous;
        this.generation = generation;
        this.now = now;
    }

    ScoringFunctionStatus report(Rollout.Plan plan, RevisionState candidate, String revision, Service observed,
            List<GenericKubernetesResource> eventing) {
        ScoringFunctionStatus status = withRollout(plan.state());
        status.observedGeneration = generation;
        Conditions conditions = new Conditions(previous.conditions, generation, now);

        String model = function.getSpec().model.name + " version " + function.getSpec().model.version;
        if (revision.equals(plan.state().failedRevision())) {
            conditions.set(ScoringFunctionStatus.MODEL_VERIFIED, false, "RevisionFailed", plan.state().failedReason());
        } else if (candidate.ready()) {
            conditions.set(ScoringFunctionStatus.MODEL_VERIFIED, true, "RevisionReady", "revision " + revision
                    + " serves model " + model + " and passed its readiness check, which verifies the model's sha256");
        } else if (candidate.failed()) {
            conditions.set(ScoringFunctionStatus.MODEL_VERIFIED, false, "RevisionFailed", candidate.message());
        } else {
            conditions.set(ScoringFunctionStatus.MODEL_VERIFIED, null, "WaitingForRevision",
                    "waiting for revision " + revision + " (model " + model + ") to be ready");
        }

        Readiness eventingReadiness = eventingReadiness(eventing);
        conditions.set(ScoringFunctionStatus.EVENTING_READY, eventingReadiness.status(), eventingReadiness.reason(),
                eventingReadiness.message());
        conditions.set(ScoringFunctionStatus.ROLLOUT_IN_PROGRESS, plan.inProgress(), plan.reason(), plan.message());

        Readiness serving = serviceReadiness(observed);
        if (!Boolean.TRUE.equals(serving.status())) {
            conditions.set(ScoringFunctionStatus.READY, serving.status(), serving.reason(), serving.message());
        } else if (!Boolean.TRUE.equals(eventingReadiness.status())) {
            conditions.set(ScoringFunctionStatus.READY, eventingReadiness.status(), "EventingNotReady",
                    eventingReadiness.message());
        } else {
            conditions.set(ScoringFunctionStatus.READY, true, "Serving", "the Knative Service is ready"
                    + (eventing.isEmpty() ? "" : " and so are its Eventing resources"));
        }
        status.conditions = conditions.list();

        status.url = observed == null || observed.getStatus() == null ? null : observed.getStatus().getUrl();
        status.traffic = observed == null || observed.getStatus() == null || observed.getStatus().getTraffic() == null
                ? List.of()
                : observed.getStatus().getTraffic().stream().map(t -> target(t, plan.state(), revision)).toList();
        return status;
    }

    /** A spec the operator cannot render: nothing is written, Ready says which field and why. */
    static ScoringFunctionStatus invalid(ScoringFunctionStatus previous, long generation, Instant now, String problem) {
        ScoringFunctionStatus status = withRollout(rolloutState(previous));
        status.observedGeneration = generation;
        status.url = previous.url;
        status.traffic = previous.traffic;
        status.conditions = new Conditions(previous.conditions, generation, now)
                .set(ScoringFunctionStatus.READY, false, "InvalidSpec", problem)
                .list();
        return status;
    }

    /** An error while reconciling (the API server refused a write, ...): retried; Ready says what failed. */
    static ScoringFunctionStatus failed(ScoringFunctionStatus previous, long generation, Instant now, Exception e) {
        ScoringFunctionStatus status = withRollout(rolloutState(previous));
        status.observedGeneration = previous.observedGeneration;
        status.url = previous.url;
        status.traffic = previous.traffic;
        status.conditions = new Conditions(previous.conditions, generation, now)
                .set(ScoringFunctionStatus.READY, false, "ReconcileFailed",
                        Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName()))
                .list();
        return status;
    }

    static Rollout.State rolloutState(ScoringFunctionStatus status) {
        return new Rollout.State(status.stableRevision, status.stableModelVersion, status.candidateRevision,
                status.candidateSince == null ? null : Instant.parse(status.candidateSince), status.failedRevision,
                status.failedReason);
    }

    private static ScoringFunctionStatus withRollout(Rollout.State state) {
        ScoringFunctionStatus status = new ScoringFunctionStatus();
        status.stableRevision = state.stableRevision();
        status.stableModelVersion = state.stableModelVersion();
        status.candidateRevision = state.candidateRevision();
        status.candidateSince = state.candidateSince() == null ? null : state.candidateSince().toString();
        status.failedRevision = state.failedRevision();
        status.failedReason = state.failedReason();
        return status;
    }

    private ScoringFunctionStatus.TrafficTarget target(io.fabric8.knative.serving.v1.TrafficTarget knative,
            Rollout.State state, String revision) {
        ScoringFunctionStatus.TrafficTarget target = new ScoringFunctionStatus.TrafficTarget();
        target.revisionName = knative.getRevisionName();
        target.tag = knative.getTag();
        target.percent = knative.getPercent() == null ? 0 : knative.getPercent().intValue();
        if (Objects.equals(knative.getRevisionName(), state.stableRevision())) {
            target.modelVersion = state.stableModelVersion();
        } else if (Objects.equals(knative.getRevisionName(), revision)) {
            target.modelVersion = function.getSpec().model.version;
        }
        return target;
    }

    private record Readiness(Boolean status, String reason, String message) {
    }

    private static Readiness serviceReadiness(Service observed) {
        Condition ready = observed == null || observed.getStatus() == null || observed.getStatus().getConditions() == null
                ? null
                : observed.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst()
                        .orElse(null);
        if (ready == null) {
            return new Readiness(null, "WaitingForService", "Knative has not reported on the Service yet");
        }
        Boolean status = "True".equals(ready.getStatus()) ? Boolean.TRUE
                : "False".equals(ready.getStatus()) ? Boolean.FALSE : null;
        return new Readiness(status, Optional.ofNullable(ready.getReason()).orElse("ServiceNotReady"),
                Optional.ofNullable(ready.getMessage()).orElse("the Knative Service is not ready"));
    }

    /** All Eventing resources ready; the first that is not, named, otherwise. */
    private static Readiness eventingReadiness(List<GenericKubernetesResource> eventing) {
        if (eventing.isEmpty()) {
            return new Readiness(true, "NoEventing", "the function gets no events");
        }
        for (GenericKubernetesResource resource : eventing) {
            Map<String, Object> ready = readyCondition(resource);
            String what = resource.getKind() + " " + resource.getMetadata().getName();
            if (ready == null) {
                return new Readiness(null, "WaitingForEventing", what + " has no Ready condition yet");
            }
            if (!"True".equals(ready.get("status"))) {
                Boolean status = "False".equals(ready.get("status")) ? Boolean.FALSE : null;
                return new Readiness(status, "EventingNotReady", what + " is not ready: "
                        + Optional.ofNullable(ready.get("message")).orElse(ready.get("reason")));
            }
        }
        return new Readiness(true, "EventingReady", eventing.size() + " Eventing resources ready");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readyCondition(GenericKubernetesResource resource) {
        Object status = resource.getAdditionalProperties().get("status");
        if (!(status instanceof Map<?, ?> map) || !(map.get("conditions") instanceof List<?> conditions)) {
            return null;
        }
        return conditions.stream()
                .filter(Map.class::isInstance)
                .map(c -> (Map<String, Object>) c)
                .filter(c -> "Ready".equals(c.get("type")))
                .findFirst()
                .orElse(null);
    }
}
