package dev.scoring.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.scoring.manifests.FunctionResources;
import dev.scoring.manifests.InvalidSpecException;
import dev.scoring.manifests.scoringfunction.ScoringFunction;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;

/** What a ScoringFunction is rendered into, and what the operator refuses that the schema let through. */
class FunctionResourcesTest {

    private static final ObjectMapper YAML = new YAMLMapper();

    @Test
    void aFunctionBecomesItsServiceNetworkPolicyAndEventingResources() throws Exception {
        assertEquals(List.of("Service/iris", "NetworkPolicy/iris", "Trigger/iris-requests", "SinkBinding/iris-sink",
                "Trigger/iris-explain", "KafkaSource/iris-input", "Trigger/iris-kafka", "KafkaSink/iris-results",
                "Trigger/iris-results"), names(FunctionResources.of(iris())));
    }

    @Test
    void withEventingOffOnlyTheServiceAndItsPolicyRemain() throws Exception {
        ScoringFunction function = iris();
        function.getSpec().eventing.enabled = false;
        assertEquals(List.of("Service/iris", "NetworkPolicy/iris"), names(FunctionResources.of(function)));
    }

    @Test
    void theDefaultsAreTheBuilds() throws Exception {
        ScoringFunction function = minimal();
        Service service = service(function);
        Map<String, String> annotations = service.getSpec().getTemplate().getMetadata().getAnnotations();
        assertEquals("0", annotations.get("autoscaling.knative.dev/min-scale"));
        assertEquals("10", annotations.get("autoscaling.knative.dev/max-scale"));
        assertEquals("50", annotations.get("autoscaling.knative.dev/target"));
        assertEquals("1", annotations.get("autoscaling.knative.dev/initial-scale"));
        assertEquals("0s", annotations.get("autoscaling.knative.dev/scale-down-delay"));
        assertEquals(100L, service.getSpec().getTemplate().getSpec().getContainerConcurrency());
        assertEquals("cluster-local", service.getMetadata().getLabels().get("networking.knative.dev/visibility"));
        var resources = service.getSpec().getTemplate().getSpec().getContainers().get(0).getResources();
        assertEquals("256Mi", resources.getRequests().get("memory").toString());
        assertEquals("512Mi", resources.getLimits().get("memory").toString());
        assertEquals(List.of("Service/iris", "NetworkPolicy/iris", "Trigger/iris-requests", "SinkBinding/iris-sink",
                "Trigger/iris-explain"), names(FunctionResources.of(function)), "no Kafka resources without topics");
    }

    @Test
    void anExternalFunctionCarriesNoVisibilityLabel() throws Exception {
        ScoringFunction function = iris();
        function.getSpec().visibility = dev.scoring.manifests.scoringfunction.Visibility.EXTERNAL;
        assertEquals(null, service(function).getMetadata().getLabels().get("networking.knative.dev/visibility"));
    }

    /** The function stays unready if its image holds another model than the one the resource declares. */
    @Test
    void theContainerExpectsTheDeclaredModel() throws Exception {
        ScoringFunction function = iris();
        function.getSpec().model.sha256 = "ab".repeat(32);
        List<EnvVar> env = service(function).getSpec().getTemplate().getSpec().getContainers().get(0).getEnv();
        assertTrue(env.contains(new EnvVar("SCORING_MODEL_EXPECTED_SHA256", "ab".repeat(32), null)), env.toString());
    }

    @Test
    void payloadLoggingTracingAndKafkaCredentialsReachTheContainer() throws Exception {
        ScoringFunction function = iris();
        function.getSpec().payloadLogging = true;
        function.getSpec().tracing = true;
        function.getSpec().eventing.kafkaSecurityProtocol = "SASL_SSL";
        function.getSpec().eventing.kafkaCredentialsSecret = "kafka-credentials";
        List<String> env = service(function).getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .map(EnvVar::getName).toList();
        assertTrue(env.containsAll(List.of("SCORING_PAYLOAD_LOG_ENABLED", "QUARKUS_OTEL_TRACES_SAMPLER",
                "SCORING_KAFKA_SECURITY_PROTOCOL", "SCORING_KAFKA_SASL_PASSWORD", "SCORING_KAFKA_TLS_CA_CERTIFICATES")),
                env.toString());
    }

    @Test
    void maxScaleBelowMinScaleIsRefusedNamingTheField() throws Exception {
        ScoringFunction function = iris();
        function.getSpec().scaling.minScale = 3;
        function.getSpec().scaling.maxScale = 2;
        assertRefused(function, "scaling.maxScale");
    }

    @Test
    void saslWithoutASecretIsRefusedNamingTheField() throws Exception {
        ScoringFunction function = iris();
        function.getSpec().eventing.kafkaSecurityProtocol = "SASL_PLAINTEXT";
        assertRefused(function, "eventing.kafkaSecurityProtocol");
    }

    @Test
    void anUnparsableBackoffDelayIsRefusedNamingTheField() throws Exception {
        ScoringFunction function = iris();
        function.getSpec().eventing.backoffDelay = "PT";
        assertRefused(function, "eventing.backoffDelay");
    }

    @Test
    void aMissingImageIsRefusedNamingTheField() throws Exception {
        ScoringFunction function = iris();
        function.getSpec().image = null;
        assertRefused(function, "image");
    }

    private static void assertRefused(ScoringFunction function, String field) {
        InvalidSpecException refused = assertThrows(InvalidSpecException.class, () -> FunctionResources.of(function));
        assertEquals(field, refused.field());
        assertTrue(refused.getMessage().startsWith("spec." + field + ": "), refused.getMessage());
    }

    private static Service service(ScoringFunction function) throws InvalidSpecException {
        return (Service) FunctionResources.of(function).get(0);
    }

    private static List<String> names(List<HasMetadata> resources) {
        return resources.stream().map(r -> r.getKind() + "/" + r.getMetadata().getName()).toList();
    }

    private static ScoringFunction iris() throws IOException {
        return YAML.treeToValue(ScoringFunctionCrdTest.iris(), ScoringFunction.class);
    }

    private static ScoringFunction minimal() throws IOException {
        var tree = ScoringFunctionCrdTest.iris();
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.path("spec")).retain("image", "model");
        return YAML.treeToValue(tree, ScoringFunction.class);
    }
}
