package dev.scoring.deployment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.dekorate.kubernetes.decorator.ResourceProvidingDecorator;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesListBuilder;

/**
 * Adds the function's Knative Eventing resources to the generated manifest, from the same
 * configuration the function runs with, so that the two cannot drift apart:
 * <ul>
 * <li>Triggers on the Broker for the function's request and explanation event types, with retries,
 * backoff and a dead-letter sink; the function's reply goes back to the Broker;</li>
 * <li>with {@code input-topics}: a KafkaSource that sends each record to the Broker, marked with the
 * {@code scoringfunction} extension, and a Trigger routing those records to the function;</li>
 * <li>with {@code results-topic}: a KafkaSink and a Trigger that writes every scored event there;</li>
 * <li>a SinkBinding giving the function {@code K_SINK}, the Broker, for payload logging.</li>
 * </ul>
 */
class EventingResourcesDecorator extends ResourceProvidingDecorator<KubernetesListBuilder> {

    static final String FUNCTION_EXTENSION = "scoringfunction";
    private static final String KSVC_API = "serving.knative.dev/v1";
    private static final String BROKER_API = "eventing.knative.dev/v1";
    private static final String KAFKA_SINK_API = "eventing.knative.dev/v1alpha1";
    private static final String KAFKA_SOURCE_API = "sources.knative.dev/v1beta1";
    private static final String SINK_BINDING_API = "sources.knative.dev/v1";
    /** Read by Knative's Kafka Broker only: ordered or unordered delivery of a Trigger's events. */
    static final String DELIVERY_ORDER = "kafka.eventing.knative.dev/delivery.order";

    private final String function;
    private final Map<String, String> labels;
    private final EventTypes types;
    private final ScoringBuildConfig.EventingConfig config;
    private final ScoringBuildConfig.KafkaConfig kafka;
    private final Optional<String> audience;

    /** The event types of the function, as its run-time configuration sets them. */
    record EventTypes(String request, String explain, String scored, String kafka) {
    }

    EventingResourcesDecorator(String function, Map<String, String> labels, EventTypes types,
            ScoringBuildConfig.EventingConfig config, ScoringBuildConfig.KafkaConfig kafka) {
        this(function, labels, types, config, kafka, Optional.empty());
    }

    /**
     * @param audience the function's OIDC audience, which its Triggers ask Knative to put into the delivery
     *        tokens ({@code spec.subscriber.audience}); empty without Eventing OIDC
     */
    EventingResourcesDecorator(String function, Map<String, String> labels, EventTypes types,
            ScoringBuildConfig.EventingConfig config, ScoringBuildConfig.KafkaConfig kafka, Optional<String> audience) {
        this.function = function;
        this.labels = labels;
        this.types = types;
        this.config = config;
        this.kafka = kafka;
        this.audience = audience;
    }

    /** The Triggers delivering to the function itself (not to a KafkaSink): their OIDC service accounts send. */
    static List<String> functionTriggers(String function, boolean kafkaInput) {
        return kafkaInput ? List.of(function + "-requests", function + "-explain", function + "-kafka")
                : List.of(function + "-requests", function + "-explain");
    }

    @Override
    public void visit(KubernetesListBuilder list) {
        for (GenericKubernetesResource resource : resources()) {
            list.addToItems(resource);
        }
    }

    List<GenericKubernetesResource> resources() {
        List<GenericKubernetesResource> resources = new ArrayList<>();
        String unordered = ScoringBuildConfig.DeliveryOrder.UNORDERED.knativeName();
        String kafkaOrder = config.kafkaDeliveryOrder().knativeName();
        resources.add(trigger(function + "-requests", Map.of("type", types.request()), serviceRef(), unordered));
        resources.add(sinkBinding());
        resources.add(trigger(function + "-explain", Map.of("type", types.explain()), serviceRef(), unordered));
        config.inputTopics().filter(topics -> !topics.isEmpty()).ifPresent(topics -> {
            resources.add(kafkaSource(topics));
            resources.add(trigger(function + "-kafka",
                    Map.of("type", types.kafka(), FUNCTION_EXTENSION, function), serviceRef(), kafkaOrder));
        });
        config.resultsTopic().ifPresent(topic -> {
            resources.add(kafkaSink(function + "-results", topic));
            resources.add(trigger(function + "-results", Map.of("type", types.scored()),
                    ref(KAFKA_SINK_API, "KafkaSink", function + "-results"), kafkaOrder));
        });
        return resources;
    }

    private GenericKubernetesResource trigger(String name, Map<String, String> filter, Map<String, Object> subscriber,
            String deliveryOrder) {
        Map<String, Object> delivery = new LinkedHashMap<>();
        delivery.put("retry", config.retry());
        delivery.put("backoffPolicy", config.backoffPolicy().knativeName());
        delivery.put("backoffDelay", config.backoffDelay().toString());
        delivery.put("deadLetterSink", ref(KAFKA_SINK_API, "KafkaSink", config.deadLetterSink()));
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("broker", config.broker());
        spec.put("filter", Map.of("attributes", new LinkedHashMap<>(filter)));
        spec.put("subscriber", subscriber);
        spec.put("delivery", delivery);
        return resource(BROKER_API, "Trigger", name, Map.of(DELIVERY_ORDER, deliveryOrder), spec);
    }

    /**
     * Injects {@code K_SINK} (the Broker's address) into the function's containers: where payload
     * logging sends its events unless {@code scoring.payload-log.sink-url} says otherwise.
     */
    private GenericKubernetesResource sinkBinding() {
        Map<String, Object> subject = new LinkedHashMap<>();
        subject.put("apiVersion", KSVC_API);
        subject.put("kind", "Service");
        subject.put("name", function);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("subject", subject);
        spec.put("sink", ref(BROKER_API, "Broker", config.broker()));
        return resource(SINK_BINDING_API, "SinkBinding", function + "-sink", spec);
    }

    private GenericKubernetesResource kafkaSource(List<String> topics) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("consumerGroup", "scoring-" + function);
        spec.put("bootstrapServers", config.kafkaBootstrapServers());
        spec.put("topics", topics);
        // Every record becomes an event marked with the function it is for, so that one Broker can
        // carry the input of many functions and each Trigger picks its own.
        spec.put("ceOverrides", Map.of("extensions", Map.of(FUNCTION_EXTENSION, function)));
        spec.put("sink", ref(BROKER_API, "Broker", config.broker()));
        kafkaSourceNet().ifPresent(net -> spec.put("net", net));
        return resource(KAFKA_SOURCE_API, "KafkaSource", function + "-input", spec);
    }

    /**
     * The KafkaSource's TLS and SASL settings, each value a reference to a key of the credentials Secret
     * (the keys Knative's KafkaSink reads from the same Secret).
     */
    private Optional<Map<String, Object>> kafkaSourceNet() {
        if (kafka.credentialsSecret().isEmpty()) {
            return Optional.empty();
        }
        String secret = kafka.credentialsSecret().get();
        Map<String, Object> net = new LinkedHashMap<>();
        if (kafka.securityProtocol().sasl()) {
            Map<String, Object> sasl = new LinkedHashMap<>();
            sasl.put("enable", true);
            sasl.put("user", secretKey(secret, "user"));
            sasl.put("password", secretKey(secret, "password"));
            sasl.put("type", secretKey(secret, "sasl.mechanism"));
            net.put("sasl", sasl);
        }
        if (kafka.securityProtocol().tls()) {
            Map<String, Object> tls = new LinkedHashMap<>();
            tls.put("enable", true);
            tls.put("caCert", secretKey(secret, "ca.crt"));
            net.put("tls", tls);
        }
        return net.isEmpty() ? Optional.empty() : Optional.of(net);
    }

    private static Map<String, Object> secretKey(String secret, String key) {
        Map<String, Object> selector = new LinkedHashMap<>();
        selector.put("name", secret);
        selector.put("key", key);
        return Map.of("secretKeyRef", selector);
    }

    private GenericKubernetesResource kafkaSink(String name, String topic) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("topic", topic);
        spec.put("bootstrapServers", config.kafkaBootstrapServers());
        spec.put("contentMode", "binary");
        kafka.credentialsSecret().ifPresent(secret -> spec.put("auth",
                Map.of("secret", Map.of("ref", Map.of("name", secret)))));
        return resource(KAFKA_SINK_API, "KafkaSink", name, spec);
    }

    /** The function as a Trigger's subscriber, with the audience of its delivery tokens under Eventing OIDC. */
    private Map<String, Object> serviceRef() {
        Map<String, Object> subscriber = new LinkedHashMap<>(ref(KSVC_API, "Service", function));
        audience.ifPresent(value -> subscriber.put("audience", value));
        return subscriber;
    }

    private static Map<String, Object> ref(String apiVersion, String kind, String name) {
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("apiVersion", apiVersion);
        ref.put("kind", kind);
        ref.put("name", name);
        return Map.of("ref", ref);
    }

    private GenericKubernetesResource resource(String apiVersion, String kind, String name, Map<String, Object> spec) {
        return resource(apiVersion, kind, name, Map.of(), spec);
    }

    private GenericKubernetesResource resource(String apiVersion, String kind, String name,
            Map<String, String> annotations, Map<String, Object> spec) {
        return GeneratedResources.resource(apiVersion, kind, name, labels, annotations, spec);
    }
}
