package dev.scoring.manifests.scoringfunction;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Who can reach the function's URL. */
public enum Visibility {
    /** Inside the cluster only (Knative's {@code networking.knative.dev/visibility: cluster-local}). */
    @JsonProperty("cluster-local")
    CLUSTER_LOCAL,
    /** Through the cluster's ingress, from outside. */
    @JsonProperty("external")
    EXTERNAL
}
