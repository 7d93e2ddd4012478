package dev.scoring.operator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.fabric8.knative.serving.v1.TrafficTarget;
import io.fabric8.knative.serving.v1.TrafficTargetBuilder;

/**
 * Which revision gets which share of the traffic, given the revision the spec asks for and what happened so far.
 * <ul>
 * <li>The first revision takes all traffic; it becomes the stable revision once Knative says it is ready.</li>
 * <li>A new revision (any change of the Service's template: image, model, scaling, ...) with a canary share below
 * 100 gets that share, tagged {@value #CANDIDATE_TAG}, while the stable revision keeps the rest, until the share
 * is set to 100 (promote).</li>
 * <li>With a share of 100 (or none) the stable revision keeps all traffic until the new one is ready, which then
 * takes all of it and becomes the stable revision.</li>
 * <li>A new revision Knative reports failed, or not ready within the progress deadline, is rolled back: all
 * traffic goes back to the stable revision, the failure is remembered with its reason, and that same revision is
 * not tried again until the spec changes.</li>
 * </ul>
 * Everything a decision needs is in the arguments; the state it returns is kept in the ScoringFunction's status,
 * so that an operator restarted in the middle of a rollout carries on where the last one stopped.
 */
final class Rollout {

    /** The tag of the canary's traffic target: Knative gives it its own URL, to test the candidate directly. */
    static final String CANDIDATE_TAG = "candidate";

    /** The rollout's part of the status; {@code null} fields are absent. */
    record State(String stableRevision, String stableModelVersion, String candidateRevision, Instant candidateSince,
            String failedRevision, String failedReason) {

        static final State NONE = new State(null, null, null, null, null, null);
    }

    /** The decision: the traffic block to write, the state to keep, and what to say in RolloutInProgress. */
    record Plan(List<TrafficTarget> traffic, State state, boolean inProgress, String reason, String message) {
    }

    private Rollout() {
    }

    static Plan plan(String revision, String modelVersion, int canaryPercent, Duration deadline, State previous,
            RevisionState candidate, Instant now) {
        String stable = previous.stableRevision();
        if (stable == null) {
            return firstRevision(revision, modelVersion, candidate);
        }
        if (revision.equals(stable)) {
            State state = new State(stable, previous.stableModelVersion(), null, null, null, null);
            return new Plan(List.of(target(stable, 100, null)), state, false, "Stable",
                    "all traffic to " + stable);
        }
        if (revision.equals(previous.failedRevision())) {
            return rolledBack(previous, previous.failedRevision(), previous.failedReason());
        }
        Instant since = revision.equals(previous.candidateRevision()) && previous.candidateSince() != null
                ? previous.candidateSince()
                : now;
        if (candidate.failed()) {
            return rolledBack(previous, revision, "revision " + revision + " failed: " + candidate.message());
        }
        if (!candidate.ready() && !now.isBefore(since.plus(deadline))) {
            return rolledBack(previous, revision, "revision " + revision + " was not ready within "
                    + deadline.toSeconds() + " s (progressDeadlineSeconds)");
        }
        if (canaryPercent >= 100 && candidate.ready()) {
            State state = new State(revision, modelVersion, null, null, null, null);
            return new Plan(List.of(target(revision, 100, null)), state, false, "Promoted",
                    "all traffic to " + revision + " (model version " + modelVersion + ")");
        }
        State state = new State(stable, previous.stableModelVersion(), revision, since, null, null);
        if (canaryPercent >= 100) {
            return new Plan(split(stable, revision, 0), state, true, "WaitingForRevision",
                    "all traffic stays on " + stable + " until " + revision + " is ready");
        }
        return new Plan(split(stable, revision, canaryPercent), state, true, "Canary",
                canaryPercent + "% to " + revision + " (model version " + modelVersion + "), "
                        + (100 - canaryPercent) + "% to " + stable + " (model version "
                        + previous.stableModelVersion() + "); set canaryTrafficPercent to 100 to promote");
    }

    private static Plan firstRevision(String revision, String modelVersion, RevisionState candidate) {
        List<TrafficTarget> traffic = List.of(target(revision, 100, null));
        if (candidate.ready()) {
            return new Plan(traffic, new State(revision, modelVersion, null, null, null, null), false, "Stable",
                    "all traffic to " + revision);
        }
        // Nothing to roll back to: the first revision keeps the traffic, failed or not, and Ready says why.
        State state = new State(null, null, revision, null, null, null);
        if (candidate.failed()) {
            return new Plan(traffic, state, false, "RevisionFailed",
                    "revision " + revision + " failed: " + candidate.message());
        }
        return new Plan(traffic, state, true, "WaitingForRevision", "waiting for " + revision + " to be ready");
    }

    private static Plan rolledBack(State previous, String failed, String reason) {
        State state = new State(previous.stableRevision(), previous.stableModelVersion(), null, null, failed, reason);
        return new Plan(List.of(target(previous.stableRevision(), 100, null)), state, false, "RolledBack",
                reason + "; all traffic back to " + previous.stableRevision());
    }

    private static List<TrafficTarget> split(String stable, String candidate, int candidatePercent) {
        List<TrafficTarget> traffic = new ArrayList<>();
        traffic.add(target(stable, 100 - candidatePercent, null));
        traffic.add(target(candidate, candidatePercent, CANDIDATE_TAG));
        return traffic;
    }

    private static TrafficTarget target(String revision, int percent, String tag) {
        return new TrafficTargetBuilder()
                .withRevisionName(revision)
                .withPercent((long) percent)
                .withTag(tag)
                .withLatestRevision(false)
                .build();
    }
}
