package dev.scoring.manifests;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How Knative's Kafka Broker delivers a Trigger's events: one at a time per partition, or in parallel.
 * Spelled in lowercase, as Knative spells it, in a ScoringFunction too.
 */
public enum DeliveryOrder {
    @JsonProperty("ordered")
    ORDERED,
    @JsonProperty("unordered")
    UNORDERED;

    /** The value of the {@code kafka.eventing.knative.dev/delivery.order} annotation. */
    public String knativeName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
