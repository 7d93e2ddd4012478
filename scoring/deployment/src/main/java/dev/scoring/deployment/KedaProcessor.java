package dev.scoring.deployment;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.scoring.runtime.ScoringConfig;
import dev.scoring.manifests.GeneratedResources;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.ApplicationInfoBuildItem;
import io.quarkus.kubernetes.deployment.EnabledKubernetesDeploymentTargetsBuildItem;
import io.quarkus.kubernetes.spi.DecoratorBuildItem;
import io.quarkus.kubernetes.spi.KubernetesEnvBuildItem;

/**
 * The optional KEDA ScaledObject ({@code scoring-knative.keda.enabled}) for a function deployed as
 * a plain Deployment that consumes Kafka itself: consumer group = the application name, topics and
 * bootstrap servers from {@code scoring-knative.eventing.*}.
 */
class KedaProcessor {

    private static final String KUBERNETES = "kubernetes";

    @BuildStep
    void generateScaledObject(ApplicationInfoBuildItem app, ScoringBuildConfig scoring,
            EnabledKubernetesDeploymentTargetsBuildItem targets, BuildProducer<DecoratorBuildItem> decorators,
            BuildProducer<KubernetesEnvBuildItem> env) {
        ScoringBuildConfig.KedaConfig keda = scoring.keda();
        if (!keda.enabled()) {
            return;
        }
        if (scoring.kafka().securityProtocol() != ScoringConfig.KafkaConfig.SecurityProtocol.PLAINTEXT) {
            // KEDA's Kafka scaler needs a TriggerAuthentication in its own format (sasl=scram_sha512, tls=enable)
            // to read the lag of a secured cluster; without one the ScaledObject would never scale.
            throw new IllegalStateException("scoring-knative.keda.enabled with scoring-knative.kafka.security-protocol="
                    + scoring.kafka().securityProtocol() + " is not supported yet: the build does not generate the"
                    + " TriggerAuthentication KEDA needs to read the lag of a secured Kafka cluster");
        }
        boolean kubernetesTarget = targets.getEntriesSortedByPriority().stream()
                .anyMatch(t -> t.getName().equals(KUBERNETES));
        KedaScaledObjectDecorator.KafkaConsumer consumer = consumer(app.getName(), kubernetesTarget,
                scoring.eventing().inputTopics(), scoring.eventing().kafkaBootstrapServers());
        Map<String, String> labels = GeneratedResources.labels(app.getName());
        decorators.produce(new DecoratorBuildItem(KUBERNETES, new KedaScaledObjectDecorator(consumer, labels, keda)));
        decorators.produce(new DecoratorBuildItem(KUBERNETES, new LeaveReplicasToKedaDecorator(consumer.deployment())));
        // The Deployment KEDA scales must consume the topics itself: the direct Kafka path, off by default.
        env.produce(KubernetesEnvBuildItem.createSimpleVar("SCORING_KAFKA_ENABLED", "true", KUBERNETES));
    }

    /** What KEDA watches, or why the configuration cannot give it a consumer to watch. */
    static KedaScaledObjectDecorator.KafkaConsumer consumer(String application, boolean kubernetesTarget,
            Optional<List<String>> inputTopics, List<String> bootstrapServers) {
        if (!kubernetesTarget) {
            throw new IllegalStateException("scoring-knative.keda.enabled=true scales a Deployment, but the kubernetes"
                    + " deployment target is off: set quarkus.kubernetes.deployment-target=knative,kubernetes"
                    + " (or kubernetes)");
        }
        List<String> topics = inputTopics.filter(t -> !t.isEmpty()).orElseThrow(() -> new IllegalStateException(
                "scoring-knative.keda.enabled=true needs the topics the function consumes:"
                        + " set scoring-knative.eventing.input-topics"));
        return new KedaScaledObjectDecorator.KafkaConsumer(application, application, topics, bootstrapServers);
    }
}
