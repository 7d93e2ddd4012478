package dev.scoring.functions.iris;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import dev.scoring.testing.KnativeServiceContract;

class IrisKnativeServiceIT extends KnativeServiceContract {

    @Test
    void takesItsScalingFromItsApplicationProperties() {
        assertEquals("5", service.at("/spec/template/metadata/annotations/autoscaling.knative.dev~1max-scale").asText());
        assertEquals("50", service.at("/spec/template/metadata/annotations/autoscaling.knative.dev~1target").asText());
    }
}
