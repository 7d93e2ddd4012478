package dev.scoring.functions.iris.kafka;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The function with the direct Kafka path on, against an in-JVM broker. */
public class DirectKafkaProfile implements QuarkusTestProfile {

    static final String REQUESTS = "direct-requests";
    static final String RESULTS = "direct-scored";
    static final String DEAD_LETTERS = "direct-dead-letters";
    static final String GROUP = "iris-direct-test";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "scoring.kafka.enabled", "true",
                "mp.messaging.incoming.scoring-requests.topics", REQUESTS,
                "mp.messaging.incoming.scoring-requests.group.id", GROUP,
                "mp.messaging.incoming.scoring-requests.dead-letter-queue.topic", DEAD_LETTERS,
                "mp.messaging.outgoing.scoring-results.topic", RESULTS);
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(InJvmKafka.class,
                Map.of(InJvmKafka.TOPICS, String.join(",", REQUESTS, RESULTS, DEAD_LETTERS))));
    }
}
