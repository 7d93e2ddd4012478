package dev.scoring.manifests.scoringfunction;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import dev.scoring.manifests.BackoffPolicy;
import dev.scoring.manifests.DeliveryOrder;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;

/** The function's Knative Eventing resources (the build's scoring-knative.eventing.* settings). */
@ValidationRule(value = "!self.kafkaSecurityProtocol.startsWith('SASL_') || has(self.kafkaCredentialsSecret)",
        message = "a SASL kafkaSecurityProtocol needs kafkaCredentialsSecret")
public class Eventing {

    @Default("true")
    @JsonPropertyDescription("Write Triggers, the SinkBinding and the Kafka resources at all.")
    public boolean enabled = true;

    @Default("default")
    @JsonPropertyDescription("The Broker the Triggers subscribe to and replies go back to.")
    public String broker = "default";

    @JsonPropertyDescription("CloudEvent type of a scoring request; default dev.scoring.<model>.request.")
    public String requestType;

    @JsonPropertyDescription("CloudEvent type of an explanation request; default dev.scoring.<model>.explain.")
    public String explainType;

    @JsonPropertyDescription("Topics whose records a KafkaSource feeds to the function; none: no KafkaSource.")
    public List<String> inputTopics = new ArrayList<>();

    @JsonPropertyDescription("Topic a KafkaSink writes every scored event to; absent: none.")
    public String resultsTopic;

    @JsonPropertyDescription("The Kafka cluster of the KafkaSource and KafkaSinks.")
    public List<String> kafkaBootstrapServers = new ArrayList<>(List.of("my-cluster-kafka-bootstrap.kafka:9092"));

    @Default("PLAINTEXT")
    @Pattern("^(PLAINTEXT|SSL|SASL_PLAINTEXT|SASL_SSL)$")
    @JsonPropertyDescription("Kafka's security.protocol for the KafkaSource, the KafkaSinks and the function's direct"
            + " path: PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL (the SASL ones need kafkaCredentialsSecret).")
    public String kafkaSecurityProtocol = "PLAINTEXT";

    @JsonPropertyDescription("Secret with the Kafka credentials in Knative's format (protocol, sasl.mechanism, user,"
            + " password, ca.crt); absent: a plain-text cluster.")
    public String kafkaCredentialsSecret;

    @Default("scoring-dead-letters")
    @JsonPropertyDescription("The KafkaSink receiving events that could not be delivered.")
    public String deadLetterSink = "scoring-dead-letters";

    @Default("ordered")
    @JsonPropertyDescription("Delivery order of the Triggers fed from Kafka: ordered (per partition) or unordered.")
    public DeliveryOrder deliveryOrder = DeliveryOrder.ORDERED;

    @Default("5")
    @Min(0)
    @JsonPropertyDescription("Delivery attempts after the first, before the dead-letter sink.")
    public int retry = 5;

    @Default("exponential")
    @JsonPropertyDescription("How retries are spaced.")
    public BackoffPolicy backoffPolicy = BackoffPolicy.EXPONENTIAL;

    @Default("PT1S")
    @Pattern("^PT([0-9]+H)?([0-9]+M)?([0-9]+(\\.[0-9]+)?S)?$")
    @JsonPropertyDescription("Delay of the first retry (ISO-8601 duration, e.g. PT1S).")
    public String backoffDelay = "PT1S";
}
