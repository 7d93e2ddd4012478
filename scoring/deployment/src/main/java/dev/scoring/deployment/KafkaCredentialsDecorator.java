package dev.scoring.deployment;

import dev.scoring.manifests.KafkaSecurity;
import io.dekorate.kubernetes.decorator.ApplicationContainerDecorator;
import io.fabric8.kubernetes.api.model.ContainerFluent;

/**
 * Gives the function's container its Kafka security settings ({@link KafkaSecurity#containerEnv()}), replacing
 * any the build's own configuration wrote.
 */
class KafkaCredentialsDecorator extends ApplicationContainerDecorator<ContainerFluent<?>> {

    private final KafkaSecurity security;

    KafkaCredentialsDecorator(String function, KafkaSecurity security) {
        super(function, function);
        this.security = security;
    }

    @Override
    public void andThenVisit(ContainerFluent<?> container) {
        container.removeMatchingFromEnv(env -> env.getName().startsWith("SCORING_KAFKA_SECURITY_PROTOCOL")
                || env.getName().startsWith("SCORING_KAFKA_SASL_") || env.getName().startsWith("SCORING_KAFKA_TLS_"));
        container.addAllToEnv(security.containerEnv());
    }
}
