package dev.scoring.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.scoring.runtime.ScoringConfig;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

/** The Knative Eventing resources written beside a function, as the build configuration shapes them. */
class EventingResourcesDecoratorTest {

    private static final EventingResourcesDecorator.EventTypes TYPES = new EventingResourcesDecorator.EventTypes(
            "dev.scoring.iris.request", "dev.scoring.iris.explain", "dev.scoring.iris.scored", "dev.knative.kafka.event");

    @Test
    void kafkaTriggersAreOrderedByDefaultAndTheOthersUnordered() {
        Map<String, String> orders = deliveryOrders(ScoringBuildConfig.DeliveryOrder.ORDERED);
        assertEquals(Map.of("iris-requests", "unordered", "iris-explain", "unordered", "iris-kafka", "ordered",
                "iris-results", "ordered"), orders);
    }

    @Test
    void kafkaTriggersCanBeUnorderedForThroughput() {
        Map<String, String> orders = deliveryOrders(ScoringBuildConfig.DeliveryOrder.UNORDERED);
        assertEquals("unordered", orders.get("iris-kafka"));
        assertEquals("unordered", orders.get("iris-results"));
    }

    @Test
    void theDeliveryIsWrittenInKnativesTerms() {
        GenericKubernetesResource trigger = decorator(ScoringBuildConfig.DeliveryOrder.ORDERED).resources().get(0);
        @SuppressWarnings("unchecked")
        Map<String, Object> delivery = (Map<String, Object>) ((Map<String, Object>) trigger.getAdditionalProperties()
                .get("spec")).get("delivery");
        assertEquals(5, delivery.get("retry"));
        assertEquals("PT1S", delivery.get("backoffDelay"));
        assertEquals("exponential", delivery.get("backoffPolicy"));
    }

    @Test
    void aPlainTextClusterGetsNoCredentials() {
        GenericKubernetesResource source = find(decorator(ScoringBuildConfig.DeliveryOrder.ORDERED), "KafkaSource");
        assertFalse(spec(source).containsKey("net"));
        assertFalse(spec(find(decorator(ScoringBuildConfig.DeliveryOrder.ORDERED), "KafkaSink")).containsKey("auth"));
    }

    @Test
    void theKafkaSourceTakesSaslCredentialsFromTheSecretByReference() {
        EventingResourcesDecorator decorator = decorator(ScoringBuildConfig.DeliveryOrder.ORDERED,
                new Kafka(ScoringConfig.KafkaConfig.SecurityProtocol.SASL_SSL, Optional.of("kafka-credentials")));
        Map<String, Object> net = map(spec(find(decorator, "KafkaSource")).get("net"));
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
        EventingResourcesDecorator decorator = decorator(ScoringBuildConfig.DeliveryOrder.ORDERED,
                new Kafka(ScoringConfig.KafkaConfig.SecurityProtocol.SASL_PLAINTEXT, Optional.of("kafka-credentials")));
        Map<String, Object> net = map(spec(find(decorator, "KafkaSource")).get("net"));
        assertTrue(net.containsKey("sasl"));
        assertFalse(net.containsKey("tls"));
    }

    @Test
    void theKafkaSinksNameTheCredentialsSecret() {
        EventingResourcesDecorator decorator = decorator(ScoringBuildConfig.DeliveryOrder.ORDERED,
                new Kafka(ScoringConfig.KafkaConfig.SecurityProtocol.SASL_PLAINTEXT, Optional.of("kafka-credentials")));
        assertEquals(Map.of("secret", Map.of("ref", Map.of("name", "kafka-credentials"))),
                spec(find(decorator, "KafkaSink")).get("auth"));
    }

    @Test
    void withEventingOidcTheFunctionsTriggersAskForTokensWithItsAudience() {
        EventingResourcesDecorator decorator = new EventingResourcesDecorator("iris", Map.of(), TYPES,
                new Defaults(ScoringBuildConfig.DeliveryOrder.ORDERED),
                new Kafka(ScoringConfig.KafkaConfig.SecurityProtocol.PLAINTEXT, Optional.empty()),
                Optional.of(EventingOidc.audience("scoring", "iris")));
        Map<String, Object> audiences = new java.util.HashMap<>();
        for (GenericKubernetesResource resource : decorator.resources()) {
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
                EventingOidc.triggerSenders("scoring", EventingResourcesDecorator.functionTriggers("iris", false)));
        assertEquals(Optional.empty(), EventingOidc.triggerSenders("scoring",
                List.of("a-function-with-a-very-long-name-requests")), "Knative hashes names over 63 characters");
    }

    @Test
    void theAudienceIsLowercaseGroupKindNamespaceName() {
        assertEquals("serving.knative.dev/service/ml-prod/breast-cancer", EventingOidc.audience("ml-prod", "breast-cancer"));
    }

    private static GenericKubernetesResource find(EventingResourcesDecorator decorator, String kind) {
        return decorator.resources().stream().filter(resource -> resource.getKind().equals(kind)).findFirst()
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

    private static Map<String, String> deliveryOrders(ScoringBuildConfig.DeliveryOrder kafkaOrder) {
        Map<String, String> orders = new java.util.HashMap<>();
        for (GenericKubernetesResource resource : decorator(kafkaOrder).resources()) {
            if (resource.getKind().equals("Trigger")) {
                orders.put(resource.getMetadata().getName(),
                        resource.getMetadata().getAnnotations().get(EventingResourcesDecorator.DELIVERY_ORDER));
            }
        }
        return orders;
    }

    private static EventingResourcesDecorator decorator(ScoringBuildConfig.DeliveryOrder kafkaOrder) {
        return decorator(kafkaOrder, new Kafka(ScoringConfig.KafkaConfig.SecurityProtocol.PLAINTEXT, Optional.empty()));
    }

    private static EventingResourcesDecorator decorator(ScoringBuildConfig.DeliveryOrder kafkaOrder, Kafka kafka) {
        return new EventingResourcesDecorator("iris", Map.of(), TYPES, new Defaults(kafkaOrder), kafka);
    }

    private record Kafka(ScoringConfig.KafkaConfig.SecurityProtocol securityProtocol, Optional<String> credentialsSecret)
            implements ScoringBuildConfig.KafkaConfig {
    }

    /** The documented defaults, with input and results topics set, as iris sets them. */
    private record Defaults(ScoringBuildConfig.DeliveryOrder kafkaDeliveryOrder)
            implements ScoringBuildConfig.EventingConfig {

        @Override
        public boolean enabled() {
            return true;
        }

        @Override
        public boolean oidc() {
            return false;
        }

        @Override
        public String broker() {
            return "default";
        }

        @Override
        public int retry() {
            return 5;
        }

        @Override
        public ScoringBuildConfig.BackoffPolicy backoffPolicy() {
            return ScoringBuildConfig.BackoffPolicy.EXPONENTIAL;
        }

        @Override
        public Duration backoffDelay() {
            return Duration.ofSeconds(1);
        }

        @Override
        public String deadLetterSink() {
            return "scoring-dead-letters";
        }

        @Override
        public List<String> kafkaBootstrapServers() {
            return List.of("kafka:9092");
        }

        @Override
        public Optional<List<String>> inputTopics() {
            return Optional.of(List.of("iris-requests"));
        }

        @Override
        public Optional<String> resultsTopic() {
            return Optional.of("iris-scored");
        }
    }
}
