package dev.scoring.runtime;

/** How a scoring request arrived; a tag on every scoring metric. */
public enum Channel {
    /** Plain JSON over HTTP. */
    HTTP("http"),
    /** A CloudEvent of the function's request type (e.g. from a Broker Trigger). */
    CLOUDEVENT("cloudevent"),
    /** A Kafka record delivered as a CloudEvent by Knative's KafkaSource. */
    KAFKA("kafka"),
    /** A Kafka record the function consumed itself (the direct path, {@code scoring.kafka.enabled}). */
    KAFKA_DIRECT("kafka-direct"),
    /** An Open Inference Protocol (V2) {@code infer} request. */
    V2("v2");

    private final String tag;

    Channel(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}
