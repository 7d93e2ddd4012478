package dev.scoring.functions.iris.kafka;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The function as deployed on Knative (direct Kafka path off), with an in-JVM broker next to it. */
public class KnativeKafkaProfile implements QuarkusTestProfile {

    static final String REQUESTS = "knative-requests";
    static final String RESULTS = "knative-scored";
    static final String DEAD_LETTERS = "knative-dead-letters";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("scoring.kafka.enabled", "false");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(InJvmKafka.class,
                Map.of(InJvmKafka.TOPICS, String.join(",", REQUESTS, RESULTS, DEAD_LETTERS))));
    }
}
