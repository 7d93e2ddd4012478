package dev.scoring.runtime.kafka;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.eclipse.microprofile.config.Config;

import dev.scoring.runtime.ScoringConfig;
import dev.scoring.runtime.ScoringConfig.KafkaConfig;
import io.smallrye.reactive.messaging.ClientCustomizer;

/**
 * Gives every Kafka client of the direct path (consumer, producer, dead-letter producer) the security
 * settings of {@code scoring.kafka.*}: the protocol, SASL credentials and the brokers' CA. The values come
 * from the environment, which a generated deployment fills from a Kubernetes Secret
 * ({@code scoring-knative.kafka.credentials-secret}); nothing secret is in the function's configuration.
 * Kafka wants the credentials as one JAAS line, which is built here with the values quoted, rather than
 * asking users to write that line into an environment variable.
 */
@ApplicationScoped
public class KafkaCredentials implements ClientCustomizer<Map<String, Object>> {

    private final KafkaConfig kafka;

    KafkaCredentials(ScoringConfig config) {
        this.kafka = config.kafka();
    }

    @Override
    public Map<String, Object> customize(String channel, Config channelConfig, Map<String, Object> client) {
        KafkaConfig.SecurityProtocol protocol = kafka.securityProtocol();
        client.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, protocol.name());
        if (protocol.sasl()) {
            KafkaConfig.SaslMechanism mechanism = kafka.sasl().mechanism();
            client.put(SaslConfigs.SASL_MECHANISM, mechanism.kafkaName());
            client.put(SaslConfigs.SASL_JAAS_CONFIG, jaasConfig(mechanism,
                    required(kafka.sasl().username(), "scoring.kafka.sasl.username", protocol),
                    required(kafka.sasl().password(), "scoring.kafka.sasl.password", protocol)));
        }
        if (protocol.tls()) {
            kafka.tls().caCertificates().filter(pem -> !pem.isBlank()).ifPresent(pem -> {
                client.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
                client.put(SslConfigs.SSL_TRUSTSTORE_CERTIFICATES_CONFIG, pem);
            });
        }
        return client;
    }

    static String jaasConfig(KafkaConfig.SaslMechanism mechanism, String username, String password) {
        return mechanism.loginModule() + " required username=" + quoted(username) + " password=" + quoted(password)
                + ";";
    }

    /** A JAAS option value: in double quotes, with backslashes and quotes escaped. */
    private static String quoted(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static String required(Optional<String> value, String key, KafkaConfig.SecurityProtocol protocol) {
        return value.filter(v -> !v.isEmpty()).orElseThrow(() -> new IllegalStateException(
                key + " is required with scoring.kafka.security-protocol=" + protocol
                        + " (a generated deployment takes it from the credentials Secret)"));
    }
}
