package dev.scoring.functions.iris.kafka;

import java.util.Map;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real single-node Kafka (KRaft, broker and controller in one node) inside the test JVM, started
 * before the function and pointed at by {@code kafka.bootstrap.servers}.
 */
public class InJvmKafka implements QuarkusTestResourceLifecycleManager {

    private static volatile String bootstrapServers;
    /** Init argument: comma-separated topics to create (three partitions each) before the function starts. */
    public static final String TOPICS = "topics";

    private KafkaClusterTestKit cluster;
    private java.util.List<String> topics = java.util.List.of();

    @Override
    public void init(Map<String, String> initArgs) {
        String names = initArgs.get(TOPICS);
        if (names != null && !names.isBlank()) {
            topics = java.util.List.of(names.split(","));
        }
    }

    public static String bootstrapServers() {
        if (bootstrapServers == null) {
            throw new IllegalStateException("the in-JVM Kafka broker is not running");
        }
        return bootstrapServers;
    }

    @Override
    public Map<String, String> start() {
        try {
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    // An older bootstrap metadata version leaves group consumers without assignments.
                    .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                    .build();
            cluster = new KafkaClusterTestKit.Builder(nodes)
                    // One broker: internal topics cannot have the default three replicas.
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("num.partitions", "3")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            throw new IllegalStateException("could not start the in-JVM Kafka broker", e);
        }
        bootstrapServers = cluster.bootstrapServers();
        try (KafkaTestClient client = new KafkaTestClient(bootstrapServers)) {
            client.createTopics(3, topics.toArray(String[]::new));
        }
        return Map.of("kafka.bootstrap.servers", bootstrapServers);
    }

    @Override
    public void stop() {
        bootstrapServers = null;
        if (cluster != null) {
            try {
                cluster.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not stop the in-JVM Kafka broker", e);
            }
        }
    }
}
