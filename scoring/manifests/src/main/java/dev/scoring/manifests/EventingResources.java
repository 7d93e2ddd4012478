package dev.scoring.manifests;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

/**
 * A function's Knative Eventing resources:
 * <ul>
 * <li>Triggers on the Broker for the function's request and explanation event types, with retries,
 * backoff and a dead-letter sink; the function's reply goes back to the Broker;</li>
 * <li>with input topics: a KafkaSource that sends each record to the Broker, marked with the
 * {@code scoringfunction} extension, and a Trigger routing those records to the function;</li>
 * <li>with a results topic: a KafkaSink and a Trigger that writes every scored event there;</li>
 * <li>a SinkBinding giving the function {@code K_SINK}, the Broker, for payload logging.</li>
 * </ul>
 */
public final class EventingResources {

    /** The CloudEvent extension a KafkaSource marks each record with: the function the record is for. */
    public static final String FUNCTION_EXTENSION = "scoringfunction";
    /** Read by Knative's Kafka Broker only: ordered or unordered delivery of a Trigger's events. */
    public static final String DELIVERY_ORDER = "kafka.eventing.knative.dev/delivery.order";
    private static final String KSVC_API = "serving.knative.dev/v1";
    private static final String BROKER_API = "eventing.knative.dev/v1";
    private static final String KAFKA_SINK_API = "eventing.knative.dev/v1alpha1";
    private static final String KAFKA_SOURCE_API = "sources.knative.dev/v1beta1";
    private static final String SINK_BINDING_API = "sources.knative.dev/v1";

    private final String function;
    private final Map<String, String> labels;
    private final EventTypes types;
    private final EventingSettings settings;

    private EventingResources(String function, EventTypes types, EventingSettings settings) {
        this.function = function;
        this.labels = GeneratedResources.labels(function);
        this.types = types;
        this.settings = settings;
    }

    public static List<GenericKubernetesResource> of(String function, EventTypes types, EventingSettings settings) {
        return new EventingResources(function, types, settings).resources();
    }

    /** The Triggers delivering to the function itself (not to a KafkaSink): their OIDC service accounts send. */
    public static List<String> functionTriggers(String function, boolean kafkaInput) {
        return kafkaInput ? List.of(function + "-requests", function + "-explain", function + "-kafka")
                : List.of(function + "-requests", function + "-explain");
    }

    private List<GenericKubernetesResource> resources() {
        List<GenericKubernetesResource> resources = new ArrayList<>();
        String unordered = DeliveryOrder.UNORDERED.knativeName();
        String kafkaOrder = settings.kafkaDeliveryOrder().knativeName();
        resources.add(trigger(function + "-requests", Map.of("type", types.request()), serviceRef(), unordered));
        resources.add(sinkBinding());
        resources.add(trigger(function + "-explain", Map.of("type", types.explain()), serviceRef(), unordered));
        if (settings.kafkaInput()) {
            resources.add(kafkaSource(settings.inputTopics()));
            resources.add(trigger(function + "-kafka",
                    Map.of("type", types.kafka(), FUNCTION_EXTENSION, function), serviceRef(), kafkaOrder));
        }
        settings.resultsTopic().ifPresent(topic -> {
            resources.add(kafkaSink(function + "-results", topic));
            resources.add(trigger(function + "-results", Map.of("type", types.scored()),
                    ref(KAFKA_SINK_API, "KafkaSink", function + "-results"), kafkaOrder));
        });
        return resources;
    }

    private GenericKubernetesResource trigger(String name, Map<String, String> filter, Map<String, Object> subscriber,
            String deliveryOrder) {
        Map<String, Object> delivery = new LinkedHashMap<>();
        delivery.put("retry", settings.retry());
        delivery.put("backoffPolicy", settings.backoffPolicy().knativeName());
        delivery.put("backoffDelay", settings.backoffDelay().toString());
        delivery.put("deadLetterSink", ref(KAFKA_SINK_API, "KafkaSink", settings.deadLetterSink()));
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("broker", settings.broker());
        spec.put("filter", Map.of("attributes", new LinkedHashMap<>(filter)));
        spec.put("subscriber", subscriber);
        spec.put("delivery", delivery);
        return GeneratedResources.resource(BROKER_API, "Trigger", name, labels, Map.of(DELIVERY_ORDER, deliveryOrder),
                spec);
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
        spec.put("sink", ref(BROKER_API, "Broker", settings.broker()));
        return resource(SINK_BINDING_API, "SinkBinding", function + "-sink", spec);
    }

    private GenericKubernetesResource kafkaSource(List<String> topics) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("consumerGroup", "scoring-" + function);
        spec.put("bootstrapServers", settings.kafkaBootstrapServers());
        spec.put("topics", topics);
        // Every record becomes an event marked with the function it is for, so that one Broker can
        // carry the input of many functions and each Trigger picks its own.
        spec.put("ceOverrides", Map.of("extensions", Map.of(FUNCTION_EXTENSION, function)));
        spec.put("sink", ref(BROKER_API, "Broker", settings.broker()));
        kafkaSourceNet().ifPresent(net -> spec.put("net", net));
        return resource(KAFKA_SOURCE_API, "KafkaSource", function + "-input", spec);
    }

    /**
     * The KafkaSource's TLS and SASL settings, each value a reference to a key of the credentials Secret
     * (the keys Knative's KafkaSink reads from the same Secret).
     */
    private Optional<Map<String, Object>> kafkaSourceNet() {
        KafkaSecurity security = settings.kafkaSecurity();
        if (security.secret().isEmpty()) {
            return Optional.empty();
        }
        String secret = security.secret().get();
        Map<String, Object> net = new LinkedHashMap<>();
        if (security.sasl()) {
            Map<String, Object> sasl = new LinkedHashMap<>();
            sasl.put("enable", true);
            sasl.put("user", secretKey(secret, "user"));
            sasl.put("password", secretKey(secret, "password"));
            sasl.put("type", secretKey(secret, "sasl.mechanism"));
            net.put("sasl", sasl);
        }
        if (security.tls()) {
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
        spec.put("bootstrapServers", settings.kafkaBootstrapServers());
        spec.put("contentMode", "binary");
        settings.kafkaSecurity().secret().ifPresent(secret -> spec.put("auth",
                Map.of("secret", Map.of("ref", Map.of("name", secret)))));
        return resource(KAFKA_SINK_API, "KafkaSink", name, spec);
    }

    /** The function as a Trigger's subscriber, with the audience of its delivery tokens under Eventing OIDC. */
    private Map<String, Object> serviceRef() {
        Map<String, Object> subscriber = new LinkedHashMap<>(ref(KSVC_API, "Service", function));
        settings.audience().ifPresent(value -> subscriber.put("audience", value));
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
        return GeneratedResources.resource(apiVersion, kind, name, labels, Map.of(), spec);
    }
}
