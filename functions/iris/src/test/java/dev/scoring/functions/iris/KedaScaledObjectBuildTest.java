package dev.scoring.functions.iris;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.scoring.testing.CrdSchemaValidator;
import dev.scoring.testing.KnativeSchemas;
import io.quarkus.test.ProdBuildResults;
import io.quarkus.test.ProdModeTestResults;
import io.quarkus.test.QuarkusProdModeTest;

/**
 * The KEDA option: with {@code scoring-knative.keda.enabled} and the kubernetes deployment target,
 * the build adds to kubernetes.yml a ScaledObject, valid against KEDA's upstream CRD schema, that
 * scales the function's Deployment from zero on the lag of its own consumer group.
 */
class KedaScaledObjectBuildTest {

    @RegisterExtension
    static final QuarkusProdModeTest build = FunctionBuild.of("iris")
            .overrideConfigKey("quarkus.kubernetes.deployment-target", "knative,kubernetes")
            .overrideConfigKey("scoring-knative.keda.enabled", "true")
            .overrideConfigKey("scoring-knative.keda.lag-threshold", "25")
            .overrideConfigKey("scoring-knative.keda.max-replicas", "7")
            .overrideConfigKey("scoring-knative.eventing.input-topics", "iris-requests,iris-backfill")
            .overrideConfigKey("scoring-knative.eventing.kafka-bootstrap-servers", "k1:9092,k2:9092")
            .setRun(false);

    @ProdBuildResults
    ProdModeTestResults results;

    @Test
    void theScaledObjectIsValidAgainstKedasSchema() throws IOException {
        JsonNode scaled = scaledObject();
        CrdSchemaValidator validator = KnativeSchemas.load(KnativeSchemas.defaultDirectory()).validatorFor(scaled)
                .orElseThrow(() -> new AssertionError("no schema for " + scaled.path("apiVersion")));
        assertEquals(List.of(), validator.validate(scaled));
    }

    @Test
    void theSchemaCheckRejectsABrokenScaledObject() throws IOException {
        ObjectNode broken = scaledObject().deepCopy();
        ((ObjectNode) broken.get("spec")).put("minReplicaCount", "zero");
        CrdSchemaValidator validator = KnativeSchemas.load(KnativeSchemas.defaultDirectory()).validatorFor(broken)
                .orElseThrow();
        assertFalse(validator.validate(broken).isEmpty());
    }

    @Test
    void itScalesTheFunctionsDeploymentFromZero() throws IOException {
        JsonNode spec = scaledObject().get("spec");
        assertEquals("Deployment", spec.at("/scaleTargetRef/kind").asText());
        assertEquals("iris", spec.at("/scaleTargetRef/name").asText());
        assertEquals(0, spec.get("minReplicaCount").asInt(-1));
        assertEquals(7, spec.get("maxReplicaCount").asInt());
        JsonNode deployment = kubernetesManifest().stream().filter(r -> r.path("kind").asText().equals("Deployment")
                && r.at("/metadata/name").asText().equals("iris")).findFirst()
                .orElseThrow(() -> new AssertionError("the Deployment it scales is in kubernetes.yml"));
        assertTrue(deployment.at("/spec/replicas").isMissingNode(), "KEDA owns the replica count: " + deployment);
        boolean consumesKafka = false;
        for (JsonNode var : deployment.at("/spec/template/spec/containers/0/env")) {
            consumesKafka |= var.path("name").asText().equals("SCORING_KAFKA_ENABLED")
                    && var.path("value").asText().equals("true");
        }
        assertTrue(consumesKafka, "the scaled Deployment runs the direct Kafka path: " + deployment);
    }

    @Test
    void oneKafkaTriggerPerInputTopicOnTheFunctionsConsumerGroupLag() throws IOException {
        JsonNode triggers = scaledObject().at("/spec/triggers");
        assertEquals(2, triggers.size());
        List<String> topics = List.of("iris-requests", "iris-backfill");
        for (int i = 0; i < topics.size(); i++) {
            JsonNode trigger = triggers.get(i);
            assertEquals("kafka", trigger.path("type").asText());
            assertEquals(topics.get(i), trigger.at("/metadata/topic").asText());
            assertEquals("iris", trigger.at("/metadata/consumerGroup").asText());
            assertEquals("k1:9092,k2:9092", trigger.at("/metadata/bootstrapServers").asText());
            assertEquals("25", trigger.at("/metadata/lagThreshold").asText());
        }
    }

    @Test
    void theKnativeManifestHasNoScaledObject() throws IOException {
        Path knative = results.getBuildDir().resolve("kubernetes").resolve("knative.yml");
        assertTrue(CrdSchemaValidator.readManifests(knative).stream()
                .noneMatch(r -> r.path("kind").asText().equals("ScaledObject")));
    }

    private JsonNode scaledObject() throws IOException {
        List<JsonNode> scaled = kubernetesManifest().stream()
                .filter(r -> r.path("kind").asText().equals("ScaledObject")).toList();
        assertEquals(1, scaled.size(), "one ScaledObject in kubernetes.yml");
        return scaled.get(0);
    }

    private List<JsonNode> kubernetesManifest() throws IOException {
        return CrdSchemaValidator.readManifests(results.getBuildDir().resolve("kubernetes").resolve("kubernetes.yml"));
    }
}
