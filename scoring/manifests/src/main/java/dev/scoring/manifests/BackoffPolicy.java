package dev.scoring.manifests;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How Knative spaces a Trigger's retries ({@code spec.delivery.backoffPolicy}).
 * Spelled in lowercase, as Knative spells it, in a ScoringFunction too.
 */
public enum BackoffPolicy {
    @JsonProperty("exponential")
    EXPONENTIAL,
    @JsonProperty("linear")
    LINEAR;

    public String knativeName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
