package dev.scoring.functions.iris.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plain Kafka clients for the tests: create topics, produce, read a topic from the start, and look
 * at a consumer group's committed offsets.
 */
public final class KafkaTestClient implements AutoCloseable {

    private final String bootstrapServers;
    private final Properties security;
    private final Admin admin;
    private final KafkaProducer<String, String> producer;

    public KafkaTestClient(String bootstrapServers) {
        this(bootstrapServers, new Properties());
    }

    /** @param security the clients' security settings (protocol, SASL login), added to every client */
    public KafkaTestClient(String bootstrapServers, Properties security) {
        this.bootstrapServers = bootstrapServers;
        this.security = security;
        Properties adminProps = new Properties();
        adminProps.putAll(security);
        adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.admin = Admin.create(adminProps);
        this.producer = new KafkaProducer<>(producerProperties(), new StringSerializer(), new StringSerializer());
    }

    public void createTopics(int partitions, String... topics) {
        for (String topic : topics) {
            try {
                admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("could not create topic " + topic, e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Sends a record and waits until the broker has it. */
    public void send(ProducerRecord<String, String> record) {
        try {
            producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not produce to " + record.topic(), e.getCause());
        }
    }

    /**
     * Sends many records with a producer of its own, then waits until the broker has all of them. A fresh
     * producer per call: one that lived through an earlier test's broker restart once never delivered a
     * new topic's batch ("Expiring 74 record(s) ... 120001 ms has passed since batch creation"), failing the
     * next test before its function even started.
     */
    public void sendAll(List<ProducerRecord<String, String>> records) {
        try (KafkaProducer<String, String> fresh = new KafkaProducer<>(producerProperties(), new StringSerializer(),
                new StringSerializer())) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (ProducerRecord<String, String> record : records) {
                sent.add(fresh.send(record));
            }
            fresh.flush();
            for (java.util.concurrent.Future<?> f : sent) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                } catch (ExecutionException e) {
                    throw new IllegalStateException("could not produce", e.getCause());
                }
            }
        }
    }

    private Properties producerProperties() {
        Properties producerProps = new Properties();
        producerProps.putAll(security);
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        // Not idempotent: on a loaded machine an idempotent producer once got its sequence numbers out of step
        // with the broker after a retried batch (OUT_OF_ORDER_SEQUENCE_NUMBER on every retry until the delivery
        // timeout), failing a fault test before its function started. One request in flight keeps the order
        // a retry could otherwise change; a retry may duplicate a request, which the tests allow (they count
        // distinct request ids).
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        producerProps.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        return producerProps;
    }

    /**
     * Reads {@code topic} from its first record until {@code done} holds for what was read, or the
     * timeout passes; returns what was read either way.
     */
    public List<ConsumerRecord<String, String>> readUntil(String topic, Duration timeout,
            Predicate<List<ConsumerRecord<String, String>>> done) {
        Properties props = new Properties();
        props.putAll(security);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, String>> read = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            // Partitions assigned directly, no consumer group: no rebalance to wait for.
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && !done.test(read)) {
                consumer.poll(Duration.ofMillis(100)).forEach(read::add);
            }
        }
        return read;
    }

    public List<ConsumerRecord<String, String>> readAtLeast(String topic, int count, Duration timeout) {
        return readUntil(topic, timeout, read -> read.size() >= count);
    }

    /** Offsets the consumer group has committed, per partition. */
    public Map<TopicPartition, OffsetAndMetadata> committedOffsets(String group) {
        try {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not read offsets of group " + group, e.getCause());
        }
    }

    /** The next offset to be written, per partition of {@code topic}. */
    public Map<TopicPartition, Long> endOffsets(String topic, int partitions) {
        Map<TopicPartition, OffsetSpec> request = new java.util.HashMap<>();
        for (int p = 0; p < partitions; p++) {
            request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        try {
            Map<TopicPartition, Long> ends = new java.util.HashMap<>();
            admin.listOffsets(request).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
            return ends;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not read end offsets of " + topic, e.getCause());
        }
    }

    public Set<String> topics() {
        try {
            return admin.listTopics().names().get();
        } catch (Exception e) {
            throw new IllegalStateException("could not list topics", e);
        }
    }

    /** A scoring request as Kafka carries a binary-mode CloudEvent: attributes as {@code ce_} headers, data as value. */
    public static ProducerRecord<String, String> cloudEvent(String topic, String key, String id, String source,
            String type, String json) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, json);
        addHeader(record, "ce_specversion", "1.0");
        addHeader(record, "ce_id", id);
        addHeader(record, "ce_type", type);
        addHeader(record, "ce_source", source);
        addHeader(record, "content-type", "application/json");
        return record;
    }

    private static void addHeader(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(new org.apache.kafka.common.header.internals.RecordHeader(name,
                value.getBytes(StandardCharsets.UTF_8)));
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(5));
    }
}
