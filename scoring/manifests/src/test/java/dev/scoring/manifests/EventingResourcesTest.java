package dev.scoring.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

/** The Knative Eventing resources written beside a function, as its settings shape them. */
class EventingResourcesTest {

    private static final EventTypes TYPES = EventTypes.defaults("iris");

    @Test
    void kafkaTriggersAreOrderedByDefaultAndTheOthersUnordered() {
        Map<String, String> orders = deliveryOrders(DeliveryOrder.ORDERED);
        assertEquals(Map.of("iris-requests", "unordered", "iris-explain", "unordered", "iris-kafka", "ordered",
                "iris-results", "ordered"), orders);
    }

    @Test
    void kafkaTriggersCanBeUnorderedForThroughput() {
        Map<String, String> orders = deliveryOrders(DeliveryOrder.UNORDERED);
        assertEquals("unordered", orders.get("iris-kafka"));
        assertEquals("unordered", orders.get("iris-results"));
    }

    @Test
    void theDeliveryIsWrittenInKnativesTerms() {
        GenericKubernetesResource trigger = resources(settings(DeliveryOrder.ORDERED)).get(0);
        Map<String, Object> delivery = map(spec(trigger).get("delivery"));
        assertEquals(5, delivery.get("retry"));
        assertEquals("PT1S", delivery.get("backoffDelay"));
        assertEquals("exponential", delivery.get("backoffPolicy"));
    }

    @Test
    void everyResourceIsLabelledWithItsFunction() {
        for (GenericKubernetesResource resource : resources(settings(DeliveryOrder.ORDERED))) {
            assertEquals(GeneratedResources.labels("iris"), resource.getMetadata().getLabels(),
                    resource.getKind() + " " + resource.getMetadata().getName());
        }
    }

    @Test
    void withoutTopicsThereIsNoKafkaResource() {
        EventingSettings noKafka = new EventingSettings("default", 5, BackoffPolicy.EXPONENTIAL, Duration.ofSeconds(1),
                DeliveryOrder.ORDERED, "scoring-dead-letters", List.of("kafka:9092"), List.of(), Optional.empty(),
                KafkaSecurity.plaintext(), Optional.empty());
        assertEquals(List.of("Trigger/iris-requests", "SinkBinding/iris-sink", "Trigger/iris-explain"),
                resources(noKafka).stream().map(r -> r.getKind() + "/" + r.getMetadata().getName()).toList());
    }

    @Test
    void aPlainTextClusterGetsNoCredentials() {
        List<GenericKubernetesResource> resources = resources(settings(DeliveryOrder.ORDERED));
        assertFalse(spec(find(resources, "KafkaSource")).containsKey("net"));
        assertFalse(spec(find(resources, "KafkaSink")).containsKey("auth"));
    }

    @Test
    void theKafkaSourceTakesSaslCredentialsFromTheSecretByReference() {
        List<GenericKubernetesResource> resources = resources(
                settings(new KafkaSecurity("SASL_SSL", Optional.of("kafka-credentials")), Optional.empty()));
        Map<String, Object> net = map(spec(find(resources, "KafkaSource")).get("net"));
        Map<String, Object> sasl = map(net.get("sasl"));
        assertEquals(true, sasl.get("enable"));
        assertEquals(Map.of("secretKeyRef", Map.of("name", "kafka-credentials", "key", "user")), sasl.get("user"));
        assertEquals(Map.of("secretKeyRef", Map.of("name", "kafka-credentials", "key", "password")),
                sasl.get("password"));
        assertEquals(Map.of("secretKeyRef", Map.of("name", "kafka-credentials", "key", "sasl.mechanism")),
                sasl.get("type"));
        Map<String, Object> tls = map(net.get("tls"));
        assertEquals(Map.of("secretKeyRef", Map.of("name", "kafka-credentials", "key", "ca.crt")), tls.get("caCert"));
    }

    @Test
    void saslWithoutTlsLeavesTheSourcesTlsOff() {
        List<GenericKubernetesResource> resources = resources(
                settings(new KafkaSecurity("SASL_PLAINTEXT", Optional.of("kafka-credentials")), Optional.empty()));
        Map<String, Object> net = map(spec(find(resources, "KafkaSource")).get("net"));
        assertTrue(net.containsKey("sasl"));
        assertFalse(net.containsKey("tls"));
    }

    @Test
    void saslNeedsASecretSoThatNoCredentialEverGoesIntoAManifest() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new KafkaSecurity("SASL_SSL", Optional.empty()));
        assertTrue(refused.getMessage().contains("needs a credentials Secret"), refused.getMessage());
    }

    @Test
    void theFunctionsContainerTakesTheCredentialsFromTheSecretsKeys() {
        List<EnvVar> env = new KafkaSecurity("SASL_SSL", Optional.of("kafka-credentials")).containerEnv();
        assertEquals(List.of("SCORING_KAFKA_SECURITY_PROTOCOL", "SCORING_KAFKA_SASL_MECHANISM",
                "SCORING_KAFKA_SASL_USERNAME", "SCORING_KAFKA_SASL_PASSWORD", "SCORING_KAFKA_TLS_CA_CERTIFICATES"),
                env.stream().map(EnvVar::getName).toList());
        assertEquals("SASL_SSL", env.get(0).getValue());
        assertEquals("password", env.get(3).getValueFrom().getSecretKeyRef().getKey());
        assertEquals("kafka-credentials", env.get(3).getValueFrom().getSecretKeyRef().getName());
        assertEquals(null, env.get(3).getValue(), "never the value itself");
    }

    @Test
    void theKafkaSinksNameTheCredentialsSecret() {
        List<GenericKubernetesResource> resources = resources(
                settings(new KafkaSecurity("SASL_PLAINTEXT", Optional.of("kafka-credentials")), Optional.empty()));
        assertEquals(Map.of("secret", Map.of("ref", Map.of("name", "kafka-credentials"))),
                spec(find(resources, "KafkaSink")).get("auth"));
    }

    @Test
    void withEventingOidcTheFunctionsTriggersAskForTokensWithItsAudience() {
        List<GenericKubernetesResource> resources = resources(
                settings(KafkaSecurity.plaintext(), Optional.of(EventingOidc.audience("scoring", "iris"))));
        Map<String, Object> audiences = new HashMap<>();
        for (GenericKubernetesResource resource : resources) {
            if (resource.getKind().equals("Trigger")) {
                audiences.put(resource.getMetadata().getName(), map(spec(resource).get("subscriber")).get("audience"));
            }
        }
        String audience = "serving.knative.dev/service/scoring/iris";
        assertEquals(audience, audiences.get("iris-requests"));
        assertEquals(audience, audiences.get("iris-explain"));
        assertEquals(audience, audiences.get("iris-kafka"));
        assertEquals(null, audiences.get("iris-results"), "the results Trigger delivers to a KafkaSink, not the function");
    }

    @Test
    void theAllowedSendersAreTheTriggersOidcServiceAccounts() {
        assertEquals(Optional.of(List.of(
                "system:serviceaccount:scoring:iris-requests-oidc-eventing.knative.dev-trigger",
                "system:serviceaccount:scoring:iris-explain-oidc-eventing.knative.dev-trigger")),
                EventingOidc.triggerSenders("scoring", EventingResources.functionTriggers("iris", false)));
        assertEquals(Optional.empty(), EventingOidc.triggerSenders("scoring",
                List.of("a-function-with-a-very-long-name-requests")), "Knative hashes names over 63 characters");
    }

    @Test
    void theAudienceIsLowercaseGroupKindNamespaceName() {
        assertEquals("serving.knative.dev/service/ml-prod/breast-cancer", EventingOidc.audience("ml-prod", "breast-cancer"));
    }

    private static List<GenericKubernetesResource> resources(EventingSettings settings) {
        return EventingResources.of("iris", TYPES, settings);
    }

    private static GenericKubernetesResource find(List<GenericKubernetesResource> resources, String kind) {
        return resources.stream().filter(resource -> resource.getKind().equals(kind)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " generated"));
    }

    private static Map<String, Object> spec(GenericKubernetesResource resource) {
        return map(resource.getAdditionalProperties().get("spec"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertTrue(value instanceof Map, "expected an object, got " + value);
        return (Map<String, Object>) value;
    }

    private static Map<String, String> deliveryOrders(DeliveryOrder kafkaOrder) {
        Map<String, String> orders = new HashMap<>();
        for (GenericKubernetesResource resource : resources(settings(kafkaOrder))) {
            if (resource.getKind().equals("Trigger")) {
                orders.put(resource.getMetadata().getName(),
                        resource.getMetadata().getAnnotations().get(EventingResources.DELIVERY_ORDER));
            }
        }
        return orders;
    }

    /** The documented defaults, with input and results topics set, as iris sets them. */
    private static EventingSettings settings(DeliveryOrder kafkaOrder) {
        return settings(kafkaOrder, KafkaSecurity.plaintext(), Optional.empty());
    }

    private static EventingSettings settings(KafkaSecurity security, Optional<String> audience) {
        return settings(DeliveryOrder.ORDERED, security, audience);
    }

    private static EventingSettings settings(DeliveryOrder kafkaOrder, KafkaSecurity security,
            Optional<String> audience) {
        return new EventingSettings("default", 5, BackoffPolicy.EXPONENTIAL, Duration.ofSeconds(1), kafkaOrder,
                "scoring-dead-letters", List.of("kafka:9092"), List.of("iris-requests"), Optional.of("iris-scored"),
                security, audience);
    }
}
