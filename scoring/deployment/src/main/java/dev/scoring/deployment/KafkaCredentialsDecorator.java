package dev.scoring.deployment;

import dev.scoring.runtime.ScoringConfig;
import io.dekorate.kubernetes.decorator.ApplicationContainerDecorator;
import io.fabric8.kubernetes.api.model.ContainerFluent;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;

/**
 * Gives the function's container its Kafka security settings: the protocol as a plain value (it is not a
 * secret, and the build must know it for the KafkaSource), the SASL mechanism, user, password and the
 * brokers' CA from the credentials Secret's keys, the format Knative's KafkaSink reads, so that one Secret
 * serves the function, its KafkaSource and its KafkaSinks. The Secret's keys are optional references: a
 * TLS-only Secret has no user, a SASL one over a public CA no {@code ca.crt}.
 */
class KafkaCredentialsDecorator extends ApplicationContainerDecorator<ContainerFluent<?>> {

    private final ScoringConfig.KafkaConfig.SecurityProtocol protocol;
    private final String secret;

    KafkaCredentialsDecorator(String function, ScoringConfig.KafkaConfig.SecurityProtocol protocol, String secret) {
        super(function, function);
        this.protocol = protocol;
        this.secret = secret;
    }

    @Override
    public void andThenVisit(ContainerFluent<?> container) {
        container.removeMatchingFromEnv(env -> env.getName().startsWith("SCORING_KAFKA_SECURITY_PROTOCOL")
                || env.getName().startsWith("SCORING_KAFKA_SASL_") || env.getName().startsWith("SCORING_KAFKA_TLS_"));
        container.addToEnv(new EnvVarBuilder().withName("SCORING_KAFKA_SECURITY_PROTOCOL")
                .withValue(protocol.name()).build());
        if (secret == null) {
            return;
        }
        if (protocol.sasl()) {
            container.addToEnv(fromSecret("SCORING_KAFKA_SASL_MECHANISM", "sasl.mechanism"));
            container.addToEnv(fromSecret("SCORING_KAFKA_SASL_USERNAME", "user"));
            container.addToEnv(fromSecret("SCORING_KAFKA_SASL_PASSWORD", "password"));
        }
        if (protocol.tls()) {
            container.addToEnv(fromSecret("SCORING_KAFKA_TLS_CA_CERTIFICATES", "ca.crt"));
        }
    }

    private EnvVar fromSecret(String name, String key) {
        return new EnvVarBuilder().withName(name)
                .withNewValueFrom().withNewSecretKeyRef(key, secret, true).endValueFrom()
                .build();
    }
}
