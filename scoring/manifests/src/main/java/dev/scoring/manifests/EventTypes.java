package dev.scoring.manifests;

/**
 * The CloudEvent types the Triggers of a function filter on, and the type of its scored replies.
 *
 * @param request a scoring request
 * @param explain an explanation request
 * @param scored a scored reply, routed to the results topic
 * @param kafka what Knative's KafkaSource gives every record it delivers
 */
public record EventTypes(String request, String explain, String scored, String kafka) {

    /** The KafkaSource's own type for every record. */
    public static final String KAFKA_SOURCE_TYPE = "dev.knative.kafka.event";

    /** The types a function has unless its configuration says otherwise (the extension's defaults). */
    public static EventTypes defaults(String function) {
        String stem = "dev.scoring." + function;
        return new EventTypes(stem + ".request", stem + ".explain", stem + ".scored", KAFKA_SOURCE_TYPE);
    }
}
