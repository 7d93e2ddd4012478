package dev.scoring.operator.api;

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

    /** One revision's share of the traffic. */
    public static class TrafficTarget {

        public String revisionName;

        public String modelVersion;

        public int percent;
    }
}
