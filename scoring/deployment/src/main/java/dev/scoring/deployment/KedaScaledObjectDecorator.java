package dev.scoring.deployment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.scoring.manifests.GeneratedResources;
import io.dekorate.kubernetes.decorator.ResourceProvidingDecorator;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesListBuilder;

/**
 * Adds a KEDA ScaledObject to the {@code kubernetes} target's manifest: the function's Deployment
 * scales on the lag of its own Kafka consumer group, from zero replicas, one Kafka trigger per
 * input topic. The group, topics and bootstrap servers are the ones the function consumes with, so
 * that KEDA measures the lag of that very consumer.
 */
class KedaScaledObjectDecorator extends ResourceProvidingDecorator<KubernetesListBuilder> {

    static final String API_VERSION = "keda.sh/v1alpha1";

    /** What the ScaledObject is for: the Deployment and the consumer it scales on. */
    record KafkaConsumer(String deployment, String consumerGroup, List<String> topics, List<String> bootstrapServers) {
    }

    private final KafkaConsumer consumer;
    private final Map<String, String> labels;
    private final ScoringBuildConfig.KedaConfig config;

    KedaScaledObjectDecorator(KafkaConsumer consumer, Map<String, String> labels, ScoringBuildConfig.KedaConfig config) {
        this.consumer = consumer;
        this.labels = labels;
        this.config = config;
    }

    @Override
    public void visit(KubernetesListBuilder list) {
        list.addToItems(scaledObject());
    }

    GenericKubernetesResource scaledObject() {
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("apiVersion", "apps/v1");
        target.put("kind", "Deployment");
        target.put("name", consumer.deployment());
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("scaleTargetRef", target);
        spec.put("minReplicaCount", 0);
        spec.put("maxReplicaCount", config.maxReplicas());
        spec.put("pollingInterval", config.pollingInterval());
        spec.put("cooldownPeriod", config.cooldownPeriod());
        spec.put("triggers", consumer.topics().stream().map(this::kafkaTrigger).toList());
        return GeneratedResources.resource(API_VERSION, "ScaledObject", consumer.deployment(), labels, spec);
    }

    /** KEDA's Kafka scaler reads string values only. */
    private Map<String, Object> kafkaTrigger(String topic) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("bootstrapServers", String.join(",", consumer.bootstrapServers()));
        metadata.put("consumerGroup", consumer.consumerGroup());
        metadata.put("topic", topic);
        metadata.put("lagThreshold", Long.toString(config.lagThreshold()));
        metadata.put("activationLagThreshold", Long.toString(config.activationLagThreshold()));
        metadata.put("offsetResetPolicy", config.offsetResetPolicy().kedaName());
        Map<String, Object> trigger = new LinkedHashMap<>();
        trigger.put("type", "kafka");
        trigger.put("name", topic);
        trigger.put("metadata", metadata);
        return trigger;
    }
}
