package dev.scoring.runtime.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import dev.scoring.runtime.ScoringConfig;
import dev.scoring.runtime.ScoringConfig.KafkaConfig;
import io.quarkus.arc.lookup.LookupIfProperty;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;

/**
 * Readiness of the direct Kafka path's connection: DOWN, with the reason, while the brokers refuse the
 * clients' credentials (wrong SASL user or password, a certificate the CA does not vouch for). SmallRye's own
 * check only says {@code [KO]}; the clients keep retrying, so the function stays alive (no restart loop),
 * consumes nothing and becomes ready by itself once the Secret is fixed and the pod restarted, or the broker
 * accepts the credentials. Read from the Kafka clients' own counters, over their sample window (30 s by
 * default): failed authentications and no successful one.
 */
@Readiness
@ApplicationScoped
@LookupIfProperty(name = "scoring.kafka.enabled", stringValue = "true")
public class KafkaAuthenticationCheck implements HealthCheck {

    private final KafkaClientService clients;
    private final KafkaConfig kafka;

    KafkaAuthenticationCheck(KafkaClientService clients, ScoringConfig config) {
        this.clients = clients;
        this.kafka = config.kafka();
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("kafka-authentication")
                .withData("security-protocol", kafka.securityProtocol().name());
        if (kafka.securityProtocol().sasl()) {
            response.withData("sasl-mechanism", kafka.sasl().mechanism().kafkaName());
            kafka.sasl().username().ifPresent(user -> response.withData("user", user));
        }
        double failed = 0;
        double succeeded = 0;
        for (Map<MetricName, ? extends Metric> metrics : clientMetrics()) {
            failed += rate(metrics, "failed-authentication-rate");
            succeeded += rate(metrics, "successful-authentication-rate");
        }
        if (failed > 0 && succeeded == 0) {
            // Kafka counts a failed TLS handshake (e.g. a broker certificate the configured CA did not sign) as a
            // failed authentication too.
            String tls = kafka.securityProtocol().tls()
                    ? " or the TLS handshake fails (is the brokers' certificate signed by scoring.kafka.tls.ca-certificates?)"
                    : "";
            return response.down().withData("reason", "the Kafka brokers refuse the direct path's credentials" + tls
                    + " (" + kafka.securityProtocol() + "): authentication keeps failing and nothing is consumed; "
                    + "check the credentials Secret (scoring-knative.kafka.credentials-secret) or scoring.kafka.sasl.*")
                    .build();
        }
        return response.up().build();
    }

    private List<Map<MetricName, ? extends Metric>> clientMetrics() {
        List<Map<MetricName, ? extends Metric>> all = new ArrayList<>();
        // metrics() reads the clients' metric registry; it does not touch the consumer's polling state.
        clients.getConsumers(DirectKafkaScoring.REQUESTS).forEach(consumer -> all.add(consumer.unwrap().metrics()));
        var producer = clients.getProducer(DirectKafkaScoring.RESULTS);
        if (producer != null) {
            all.add(producer.unwrap().metrics());
        }
        return all;
    }

    private static double rate(Map<MetricName, ? extends Metric> metrics, String name) {
        double sum = 0;
        for (var metric : metrics.entrySet()) {
            if (metric.getKey().name().equals(name) && metric.getValue().metricValue() instanceof Double value
                    && !value.isNaN()) {
                sum += value;
            }
        }
        return sum;
    }
}
