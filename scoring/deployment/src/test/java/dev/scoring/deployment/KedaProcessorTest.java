package dev.scoring.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class KedaProcessorTest {

    private static final List<String> BOOTSTRAP = List.of("kafka:9092");

    @Test
    void theConsumerGroupIsTheApplicationNameAndTheTopicsAreTheInputTopics() {
        var consumer = KedaProcessor.consumer("iris", true, Optional.of(List.of("a", "b")), BOOTSTRAP);
        assertEquals("iris", consumer.deployment());
        assertEquals("iris", consumer.consumerGroup());
        assertEquals(List.of("a", "b"), consumer.topics());
        assertEquals(BOOTSTRAP, consumer.bootstrapServers());
    }

    @Test
    void withoutInputTopicsTheBuildSaysWhichKeyToSet() {
        var e = assertThrows(IllegalStateException.class,
                () -> KedaProcessor.consumer("iris", true, Optional.empty(), BOOTSTRAP));
        assertTrue(e.getMessage().contains("scoring-knative.eventing.input-topics"), e.getMessage());
        assertThrows(IllegalStateException.class,
                () -> KedaProcessor.consumer("iris", true, Optional.of(List.of()), BOOTSTRAP));
    }

    @Test
    void withoutTheKubernetesTargetThereIsNoDeploymentToScale() {
        var e = assertThrows(IllegalStateException.class,
                () -> KedaProcessor.consumer("iris", false, Optional.of(List.of("a")), BOOTSTRAP));
        assertTrue(e.getMessage().contains("quarkus.kubernetes.deployment-target"), e.getMessage());
    }
}
