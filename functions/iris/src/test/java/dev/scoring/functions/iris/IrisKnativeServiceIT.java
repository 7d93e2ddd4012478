package dev.scoring.functions.iris;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.scoring.testing.KnativeServiceContract;

class IrisKnativeServiceIT extends KnativeServiceContract {

    @Test
    void takesItsScalingFromItsApplicationProperties() {
        assertEquals("5", service.at("/spec/template/metadata/annotations/autoscaling.knative.dev~1max-scale").asText());
        assertEquals("50", service.at("/spec/template/metadata/annotations/autoscaling.knative.dev~1target").asText());
    }

    @Test
    void aKafkaSourceFeedsTheInputTopicToTheBrokerMarkedForThisFunction() {
        JsonNode source = resource("KafkaSource", "iris-input");
        assertEquals("iris-requests", source.at("/spec/topics/0").asText());
        assertEquals("Broker", source.at("/spec/sink/ref/kind").asText());
        assertEquals("iris", source.at("/spec/ceOverrides/extensions/scoringfunction").asText());
        JsonNode trigger = resource("Trigger", "iris-kafka");
        assertEquals("dev.knative.kafka.event", trigger.at("/spec/filter/attributes/type").asText());
        assertEquals("iris", trigger.at("/spec/filter/attributes/scoringfunction").asText());
        assertEquals("iris", trigger.at("/spec/subscriber/ref/name").asText());
    }

    @Test
    void aKafkaSinkWritesEveryScoredEventToTheResultsTopic() {
        assertEquals("iris-scored", resource("KafkaSink", "iris-results").at("/spec/topic").asText());
        JsonNode trigger = resource("Trigger", "iris-results");
        assertEquals("dev.scoring.iris.scored", trigger.at("/spec/filter/attributes/type").asText());
        assertEquals("KafkaSink", trigger.at("/spec/subscriber/ref/kind").asText());
        assertEquals("iris-results", trigger.at("/spec/subscriber/ref/name").asText());
    }
}
