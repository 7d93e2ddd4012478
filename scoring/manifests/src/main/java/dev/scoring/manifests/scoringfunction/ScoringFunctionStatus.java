package dev.scoring.manifests.scoringfunction;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.kubernetes.api.model.Condition;

/** What the operator observed of a ScoringFunction: conditions, the function's URL and its traffic split. */
public class ScoringFunctionStatus {

    /** Condition types the operator reports. */
    public static final String READY = "Ready";
    public static final String MODEL_VERIFIED = "ModelVerified";
    public static final String EVENTING_READY = "EventingReady";
    public static final String ROLLOUT_IN_PROGRESS = "RolloutInProgress";

    @JsonPropertyDescription("The generation of the spec this status describes.")
    public Long observedGeneration;

    @JsonPropertyDescription("Ready, ModelVerified, EventingReady and RolloutInProgress.")
    public List<Condition> conditions = new ArrayList<>();

    @JsonPropertyDescription("The function's URL, as Knative reports it.")
    public String url;

    @JsonPropertyDescription("Which revision serves which share of the traffic.")
    public List<TrafficTarget> traffic = new ArrayList<>();

    @JsonPropertyDescription("The last revision that took all traffic: where a failed rollout goes back to.")
    public String stableRevision;

    @JsonPropertyDescription("The model version the stable revision serves.")
    public String stableModelVersion;

    @JsonPropertyDescription("The revision being rolled out (canary or waiting to become ready), if any.")
    public String candidateRevision;

    @JsonPropertyDescription("When the candidate revision was first asked for (RFC 3339): its progress deadline counts"
            + " from here.")
    public String candidateSince;

    @JsonPropertyDescription("The last revision rolled back, and why; it is not tried again until the spec changes.")
    public String failedRevision;

    public String failedReason;

    /** One revision's share of the traffic. */
    public static class TrafficTarget {

        public String revisionName;

        public String tag;

        public String modelVersion;

        public int percent;
    }
}
