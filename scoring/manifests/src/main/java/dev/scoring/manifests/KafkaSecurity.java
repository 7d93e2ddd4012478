package dev.scoring.manifests;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;

/**
 * How a function and its Kafka resources reach the Kafka cluster: the security protocol, and the Secret
 * holding the credentials in the format Knative's KafkaSink reads ({@code protocol}, {@code sasl.mechanism},
 * {@code user}, {@code password}, {@code ca.crt}), so that one Secret serves the function, its KafkaSource
 * and its KafkaSinks. Nothing secret is ever written into a manifest: only references to the Secret's keys.
 *
 * @param protocol Kafka's {@code security.protocol}: PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL
 * @param secret the credentials Secret; required by the SASL protocols
 */
public record KafkaSecurity(String protocol, Optional<String> secret) {

    public static final List<String> PROTOCOLS = List.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");

    public KafkaSecurity {
        if (!PROTOCOLS.contains(protocol)) {
            throw new IllegalArgumentException("Kafka security protocol " + protocol + " is none of " + PROTOCOLS);
        }
        if (sasl(protocol) && secret.isEmpty()) {
            throw new IllegalArgumentException(protocol + " needs a credentials Secret: the SASL user and password"
                    + " would otherwise have to be written into the manifest");
        }
    }

    public static KafkaSecurity plaintext() {
        return new KafkaSecurity("PLAINTEXT", Optional.empty());
    }

    public boolean sasl() {
        return sasl(protocol);
    }

    public boolean tls() {
        return protocol.endsWith("SSL");
    }

    /** A plain-text cluster without a Secret: the function's container needs nothing. */
    public boolean plainWithoutSecret() {
        return protocol.equals("PLAINTEXT") && secret.isEmpty();
    }

    /**
     * The function container's Kafka settings for its direct path: the protocol as a plain value (it is not a
     * secret), and the SASL mechanism, user, password and the brokers' CA from the Secret's keys. The keys are
     * optional references: a TLS-only Secret has no user, a SASL one over a public CA no {@code ca.crt}.
     */
    public List<EnvVar> containerEnv() {
        List<EnvVar> env = new ArrayList<>();
        env.add(new EnvVarBuilder().withName("SCORING_KAFKA_SECURITY_PROTOCOL").withValue(protocol).build());
        secret.ifPresent(name -> {
            if (sasl()) {
                env.add(fromSecret(name, "SCORING_KAFKA_SASL_MECHANISM", "sasl.mechanism"));
                env.add(fromSecret(name, "SCORING_KAFKA_SASL_USERNAME", "user"));
                env.add(fromSecret(name, "SCORING_KAFKA_SASL_PASSWORD", "password"));
            }
            if (tls()) {
                env.add(fromSecret(name, "SCORING_KAFKA_TLS_CA_CERTIFICATES", "ca.crt"));
            }
        });
        return env;
    }

    private static boolean sasl(String protocol) {
        return protocol.startsWith("SASL_");
    }

    private static EnvVar fromSecret(String secret, String name, String key) {
        return new EnvVarBuilder().withName(name)
                .withNewValueFrom().withNewSecretKeyRef(key, secret, true).endValueFrom()
                .build();
    }
}
