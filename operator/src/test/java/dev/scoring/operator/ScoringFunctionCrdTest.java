package dev.scoring.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.scoring.testing.CrdSchemaValidator;

/**
 * The ScoringFunction CRD the build generated: structural, and refusing what a schema can refuse, the way an API
 * server validates a ScoringFunction against it.
 */
class ScoringFunctionCrdTest {

    private static final Path CRD = Path.of(System.getProperty("scoringfunction.crd",
            "target/kubernetes/scoringfunctions.scoring.dev-v1.yml"));
    private static final ObjectMapper YAML = new YAMLMapper();
    private static CrdSchemaValidator validator;

    @BeforeAll
    static void readCrd() throws IOException {
        validator = CrdSchemaValidator.forCrd(CRD, "v1alpha1");
    }

    @Test
    void aFullScoringFunctionIsValid() throws IOException {
        assertEquals(List.of(), validator.validate(iris()));
    }

    @Test
    void onlyImageAndModelAreRequired() throws IOException {
        ObjectNode minimal = iris();
        ObjectNode spec = (ObjectNode) minimal.path("spec");
        spec.retain("image", "model");
        assertEquals(List.of(), validator.validate(minimal));
    }

    @Test
    void aMissingImageIsRefused() throws IOException {
        ObjectNode function = iris();
        ((ObjectNode) function.path("spec")).remove("image");
        assertRefused(function, "image");
    }

    @Test
    void anUnknownDeliveryOrderIsRefused() throws IOException {
        ObjectNode function = iris();
        ((ObjectNode) function.at("/spec/eventing")).put("deliveryOrder", "sometimes");
        assertRefused(function, "deliveryOrder");
    }

    @Test
    void aNegativeCanaryShareIsRefused() throws IOException {
        ObjectNode function = iris();
        ((ObjectNode) function.path("spec")).put("canaryTrafficPercent", -10);
        assertRefused(function, "canaryTrafficPercent");
    }

    @Test
    void aCanaryShareAboveAHundredIsRefused() throws IOException {
        ObjectNode function = iris();
        ((ObjectNode) function.path("spec")).put("canaryTrafficPercent", 110);
        assertRefused(function, "canaryTrafficPercent");
    }

    @Test
    void aNegativeMinScaleIsRefused() throws IOException {
        ObjectNode function = iris();
        ((ObjectNode) function.at("/spec/scaling")).put("minScale", -1);
        assertRefused(function, "minScale");
    }

    @Test
    void aChecksumThatIsNotSha256IsRefused() throws IOException {
        ObjectNode function = iris();
        ((ObjectNode) function.at("/spec/model")).put("sha256", "not-a-checksum");
        assertRefused(function, "sha256");
    }

    @Test
    void anUnknownVisibilityIsRefused() throws IOException {
        ObjectNode function = iris();
        ((ObjectNode) function.path("spec")).put("visibility", "public");
        assertRefused(function, "visibility");
    }

    /** An API server evaluates these CEL rules; the operator checks the same (FunctionResourcesTest). */
    @Test
    void theCrdCarriesTheRulesThatCompareFields() throws IOException {
        JsonNode schema = YAML.readTree(CRD.toFile()).at("/spec/versions/0/schema/openAPIV3Schema/properties/spec");
        assertEquals("self.maxScale >= self.minScale",
                schema.at("/properties/scaling/x-kubernetes-validations/0/rule").asText());
        assertTrue(schema.at("/properties/eventing/x-kubernetes-validations/0/rule").asText().contains("SASL_"));
    }

    /** An API server fills these in, so that the CEL rules always have both fields to compare. */
    @Test
    void theSchemaCarriesTheBuildsDefaults() throws IOException {
        JsonNode spec = YAML.readTree(CRD.toFile()).at("/spec/versions/0/schema/openAPIV3Schema/properties/spec");
        assertEquals(10, spec.at("/properties/scaling/properties/maxScale/default").asInt());
        assertEquals(0, spec.at("/properties/scaling/properties/minScale/default").asInt());
        assertEquals("cluster-local", spec.at("/properties/visibility/default").asText());
        assertEquals("ordered", spec.at("/properties/eventing/properties/deliveryOrder/default").asText());
        assertEquals("PLAINTEXT", spec.at("/properties/eventing/properties/kafkaSecurityProtocol/default").asText());
    }

    @Test
    void theStatusIsASubresource() throws IOException {
        JsonNode version = YAML.readTree(CRD.toFile()).at("/spec/versions/0");
        assertTrue(version.at("/subresources/status").isObject(), "status subresource");
        assertFalse(version.at("/schema/openAPIV3Schema/properties/status/properties/conditions").isMissingNode());
    }

    private static void assertRefused(JsonNode function, String field) {
        List<String> problems = validator.validate(function);
        assertFalse(problems.isEmpty(), "refused: " + function);
        assertTrue(problems.stream().anyMatch(problem -> problem.contains(field)), problems.toString());
    }

    static ObjectNode iris() throws IOException {
        return (ObjectNode) YAML.readTree("""
                apiVersion: scoring.dev/v1alpha1
                kind: ScoringFunction
                metadata:
                  name: iris
                spec:
                  image: registry.example/scoring/iris:0.1.0
                  model:
                    name: iris
                    version: 1.0.0
                    sha256: 999cd35222977e18d4484f0276e29a091e916880f66a2a97a8b5cba27beddca0
                  scaling:
                    minScale: 0
                    maxScale: 5
                    target: 50
                    containerConcurrency: 100
                    initialScale: 1
                    scaleDownDelay: 0s
                  resources:
                    requests: {cpu: 250m, memory: 256Mi}
                    limits: {cpu: 1000m, memory: 512Mi}
                  visibility: cluster-local
                  eventing:
                    broker: default
                    inputTopics: [iris-requests]
                    resultsTopic: iris-scored
                    deliveryOrder: ordered
                    backoffPolicy: exponential
                    backoffDelay: PT1S
                    retry: 5
                  canaryTrafficPercent: 10
                  payloadLogging: false
                  tracing: false
                """);
    }
}
