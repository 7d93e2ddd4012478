package dev.scoring.functions.iris.kafka;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * BENCHMARK peer, not a test (run by {@code scripts/bench-kafka.sh}): the broker's own limit for the
 * direct path's shape of work on this machine. A plain Kafka consumer and producer that do what the
 * function does around the model, and nothing else: read a poll of requests, write one record per request
 * to the results topic (same key, the request's headers, {@code ce_correlationid} = its {@code ce_id} so the
 * benchmark client matches it) with acks=all, and commit a poll's offsets once the broker acknowledged all
 * of its records. Like the function, it keeps up to {@code --in-flight} polls awaiting acknowledgements
 * (the function's {@code scoring.kafka.max-in-flight-batches} default) and polls again meanwhile. No
 * parsing, no validation, no model, no framework.
 * <p>
 * Usage: {@code KafkaPassThrough --bootstrap=host:port --requests=topic --results=topic [--in-flight=4]};
 * runs until killed.
 */
public final class KafkaPassThrough {

    private KafkaPassThrough() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            opts.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        String bootstrap = opts.getOrDefault("bootstrap", "127.0.0.1:9092");
        String results = opts.getOrDefault("results", "pass-through-results");
        int inFlight = Integer.parseInt(opts.getOrDefault("in-flight", "4"));
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProperties(bootstrap),
                new StringDeserializer(), new StringDeserializer());
                KafkaProducer<String, String> producer = new KafkaProducer<>(producerProperties(bootstrap),
                        new StringSerializer(), new StringSerializer())) {
            consumer.subscribe(List.of(opts.getOrDefault("requests", "pass-through-requests")));
            Deque<Poll> unacknowledged = new ArrayDeque<>();
            while (!Thread.currentThread().isInterrupted()) {
                ConsumerRecords<String, String> polled = consumer.poll(Duration.ofMillis(100));
                if (!polled.isEmpty()) {
                    unacknowledged.addLast(forward(polled, producer, results));
                }
                // Commit, oldest first, every poll whose records are all acknowledged; wait for the oldest
                // while too many are in flight.
                while (!unacknowledged.isEmpty()
                        && (unacknowledged.peekFirst().acknowledged().isDone() || unacknowledged.size() >= inFlight)) {
                    Poll oldest = unacknowledged.removeFirst();
                    oldest.acknowledged().get();
                    consumer.commitAsync(oldest.offsets(), null);
                }
            }
        }
    }

    private static Poll forward(ConsumerRecords<String, String> polled, KafkaProducer<String, String> producer,
            String results) {
        List<CompletableFuture<Void>> sent = new ArrayList<>(polled.count());
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ConsumerRecord<String, String> request : polled) {
            CompletableFuture<Void> ack = new CompletableFuture<>();
            producer.send(result(results, request), (metadata, failure) -> {
                if (failure == null) {
                    ack.complete(null);
                } else {
                    ack.completeExceptionally(failure);
                }
            });
            sent.add(ack);
            offsets.put(new TopicPartition(request.topic(), request.partition()),
                    new OffsetAndMetadata(request.offset() + 1));
        }
        return new Poll(CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)), offsets);
    }

    private static ProducerRecord<String, String> result(String topic, ConsumerRecord<String, String> request) {
        ProducerRecord<String, String> result = new ProducerRecord<>(topic, request.key(), request.value());
        for (Header header : request.headers()) {
            result.headers().add(header);
        }
        Header id = request.headers().lastHeader("ce_id");
        if (id != null) {
            result.headers().add(new RecordHeader("ce_correlationid", id.value()));
        }
        return result;
    }

    private static Properties consumerProperties(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "pass-through");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return props;
    }

    private static Properties producerProperties(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        // As the function's results producer: acks=all, Kafka's defaults otherwise.
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return props;
    }

    /** One poll's records handed to the producer: done when all are acknowledged; the offsets to commit then. */
    private record Poll(CompletableFuture<Void> acknowledged, Map<TopicPartition, OffsetAndMetadata> offsets) {
    }
}
