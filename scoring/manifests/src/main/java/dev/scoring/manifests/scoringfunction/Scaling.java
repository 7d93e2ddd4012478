package dev.scoring.manifests.scoringfunction;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;

/** Knative Pod Autoscaler settings of the function's revisions. */
@ValidationRule(value = "self.maxScale >= self.minScale", message = "maxScale must not be below minScale")
public class Scaling {

    @Default("0")
    @Min(0)
    @JsonPropertyDescription("Fewest instances; 0 scales to zero when idle.")
    public int minScale = 0;

    @Default("10")
    @Min(1)
    @JsonPropertyDescription("Most instances.")
    public int maxScale = 10;

    @Default("50")
    @Min(1)
    @JsonPropertyDescription("Requests in flight per instance the autoscaler aims at.")
    public int target = 50;

    @Default("100")
    @Min(0)
    @JsonPropertyDescription("Hard limit of requests in flight per instance; 0: no limit.")
    public int containerConcurrency = 100;

    @Default("1")
    @Min(0)
    @JsonPropertyDescription("Instances a new revision starts with.")
    public int initialScale = 1;

    @Default("0s")
    @Pattern("^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$")
    @JsonPropertyDescription("How long the autoscaler waits before scaling down (Go duration, e.g. 0s, 15m).")
    public String scaleDownDelay = "0s";
}
