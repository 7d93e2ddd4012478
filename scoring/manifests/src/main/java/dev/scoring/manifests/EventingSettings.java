package dev.scoring.manifests;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How a function is wired into Knative Eventing.
 *
 * @param broker the Broker its Triggers subscribe to and its replies go back to
 * @param retry delivery attempts after the first, before an event goes to the dead-letter sink
 * @param backoffPolicy how retries are spaced
 * @param backoffDelay the first retry's delay
 * @param kafkaDeliveryOrder delivery order of the Triggers fed from Kafka (input records, results)
 * @param deadLetterSink the KafkaSink receiving what could not be delivered
 * @param kafkaBootstrapServers the Kafka cluster of the KafkaSource and KafkaSinks
 * @param inputTopics topics whose records a KafkaSource feeds to the function; empty: no KafkaSource
 * @param resultsTopic topic a KafkaSink writes every scored event to
 * @param kafkaSecurity how the KafkaSource and KafkaSinks reach the Kafka cluster
 * @param audience the audience Triggers ask Knative to put into delivery tokens (Eventing OIDC)
 */
public record EventingSettings(String broker, int retry, BackoffPolicy backoffPolicy, Duration backoffDelay,
        DeliveryOrder kafkaDeliveryOrder, String deadLetterSink, List<String> kafkaBootstrapServers,
        List<String> inputTopics, Optional<String> resultsTopic, KafkaSecurity kafkaSecurity,
        Optional<String> audience) {

    public EventingSettings {
        kafkaBootstrapServers = List.copyOf(kafkaBootstrapServers);
        inputTopics = List.copyOf(inputTopics);
    }

    public boolean kafkaInput() {
        return !inputTopics.isEmpty();
    }
}
