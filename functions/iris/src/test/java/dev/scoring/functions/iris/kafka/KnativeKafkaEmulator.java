package dev.scoring.functions.iris.kafka;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.http.HttpMessageFactory;
import io.cloudevents.kafka.CloudEventSerializer;

/**
 * TEST FIXTURE, not product code: stands in for Knative Eventing's Kafka data plane so that the
 * exchange between a KafkaSource, the function and a KafkaSink runs for real against a Kafka broker,
 * without a cluster.
 * <ul>
 * <li>As a <b>KafkaSource</b> (ordered delivery) it turns each record of the input topic into the HTTP
 * CloudEvent the source's dispatcher sends: id {@code partition:<p>/offset:<o>}, source
 * {@code /apis/v1/namespaces/<ns>/kafkasources/<name>#<topic>}, subject {@code partition:<p>#<o>}, type
 * {@code dev.knative.kafka.event}, time = record timestamp, the record value as data <em>with no
 * content type</em>, the key as the {@code key} and {@code partitionkey} extensions and each record
 * header as an extension, in binary HTTP mode; the next record of a partition waits for the answer.</li>
 * <li>As the <b>Trigger's delivery</b>, a non-2xx answer is retried {@code retry} times with
 * exponential backoff and then sent to the dead-letter sink with the {@code knativeerrordest},
 * {@code knativeerrorcode} and {@code knativeerrordata} extensions Knative adds.</li>
 * <li>As a <b>KafkaSink</b> (content mode binary) it writes the reply event with the CloudEvents SDK's
 * Kafka serializer (binary binding: {@code ce_*} headers, data as the value) keyed by the event's
 * {@code partitionkey} extension; dead letters go to their own topic the same way.</li>
 * </ul>
 * On a cluster the source delivers to the Broker and a Trigger delivers to the function; that hop is
 * not emulated here (it does not change the event).
 */
final class KnativeKafkaEmulator implements AutoCloseable {

    private final String bootstrapServers;
    private final String inputTopic;
    private final String resultsTopic;
    private final String deadLetterTopic;
    private final URI function;
    private final String namespace;
    private final String sourceName;
    private final int retry;
    private final Duration backoffDelay;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread dispatcher;
    private volatile Throwable failure;

    KnativeKafkaEmulator(String bootstrapServers, String inputTopic, String resultsTopic, String deadLetterTopic,
            URI function, int retry, Duration backoffDelay) {
        this.bootstrapServers = bootstrapServers;
        this.inputTopic = inputTopic;
        this.resultsTopic = resultsTopic;
        this.deadLetterTopic = deadLetterTopic;
        this.function = function;
        this.namespace = "scoring";
        this.sourceName = "iris-input";
        this.retry = retry;
        this.backoffDelay = backoffDelay;
        this.dispatcher = new Thread(this::dispatch, "kafkasource-emulator");
        this.dispatcher.start();
    }

    /** The CloudEvent a KafkaSource makes of a record whose value is not itself a CloudEvent. */
    CloudEvent asKafkaSourceEvent(ConsumerRecord<String, byte[]> record) {
        CloudEventBuilder event = CloudEventBuilder.v1()
                .withId("partition:" + record.partition() + "/offset:" + record.offset())
                .withTime(OffsetDateTime.ofInstant(Instant.ofEpochMilli(record.timestamp()), ZoneOffset.UTC))
                .withSource(URI.create("/apis/v1/namespaces/" + namespace + "/kafkasources/" + sourceName + "#"
                        + record.topic()))
                .withSubject("partition:" + record.partition() + "#" + record.offset())
                .withType("dev.knative.kafka.event")
                .withData(record.value());
        record.headers().forEach(h -> event.withExtension(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
        if (record.key() != null) {
            event.withExtension("partitionkey", record.key());
            event.withExtension("key", record.key());
        }
        return event.build();
    }

    private void dispatch() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "knative-kafka-source-" + sourceName);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Properties sinkProps = new Properties();
        sinkProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        sinkProps.put(ProducerConfig.ACKS_CONFIG, "all");
        sinkProps.put(CloudEventSerializer.ENCODING_CONFIG, Encoding.BINARY);
        try (KafkaConsumer<String, byte[]> source = new KafkaConsumer<>(props, new StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer());
                KafkaProducer<String, CloudEvent> sink = new KafkaProducer<>(sinkProps, new StringSerializer(),
                        new CloudEventSerializer())) {
            source.subscribe(List.of(inputTopic));
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : source.poll(Duration.ofMillis(100))) {
                    CloudEvent event = asKafkaSourceEvent(record);
                    Delivery delivery = deliver(event);
                    if (delivery.reply() != null) {
                        sink.send(new ProducerRecord<>(resultsTopic, partitionKey(delivery.reply()), delivery.reply()))
                                .get();
                    } else if (!delivery.accepted()) {
                        CloudEvent deadLetter = CloudEventBuilder.from(event)
                                .withExtension("knativeerrordest", function.toString())
                                .withExtension("knativeerrorcode", Integer.toString(delivery.status()))
                                .withExtension("knativeerrordata",
                                        Base64.getEncoder().encodeToString(delivery.body()))
                                .build();
                        sink.send(new ProducerRecord<>(deadLetterTopic, record.key(), deadLetter)).get();
                    }
                    source.commitSync(Map.of(new org.apache.kafka.common.TopicPartition(record.topic(),
                            record.partition()), new org.apache.kafka.clients.consumer.OffsetAndMetadata(
                                    record.offset() + 1)));
                }
            }
        } catch (Throwable t) {
            if (running.get()) {
                failure = t;
            }
        }
    }

    private record Delivery(boolean accepted, int status, byte[] body, CloudEvent reply) {
    }

    /** One delivery as the Trigger makes it: retried with exponential backoff on non-2xx answers. */
    private Delivery deliver(CloudEvent event) throws Exception {
        Delivery last = null;
        for (int attempt = 0; attempt <= retry; attempt++) {
            if (attempt > 0) {
                Thread.sleep(backoffDelay.toMillis() << (attempt - 1));
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(function).timeout(Duration.ofSeconds(10));
            byte[][] body = new byte[1][];
            HttpMessageFactory.createWriter(request::header, bytes -> body[0] = bytes).writeBinary(event);
            HttpResponse<byte[]> response = http.send(
                    request.POST(HttpRequest.BodyPublishers.ofByteArray(body[0] == null ? new byte[0] : body[0]))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            int status = response.statusCode();
            if (status / 100 == 2) {
                boolean hasReply = response.headers().firstValue("ce-id").isPresent();
                CloudEvent reply = hasReply ? HttpMessageFactory.createReaderFromMultimap(
                        response.headers().map(), response.body()).toEvent() : null;
                return new Delivery(true, status, response.body(), reply);
            }
            last = new Delivery(false, status, response.body(), null);
        }
        return last;
    }

    private static String partitionKey(CloudEvent event) {
        Object key = event.getExtension("partitionkey");
        return key == null ? null : key.toString();
    }

    /** Fails the calling test if the dispatcher stopped on an error. */
    void assertHealthy() {
        if (failure != null) {
            throw new AssertionError("the KafkaSource emulator failed", failure);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        dispatcher.join(10_000);
    }
}
