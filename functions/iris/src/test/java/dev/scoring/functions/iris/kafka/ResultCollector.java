package dev.scoring.functions.iris.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a results topic from its start in the background and counts the scored events per
 * {@code correlationid}, so a test can wait for every request id and report duplicates.
 */
final class ResultCollector implements AutoCloseable {

    private final Map<String, Integer> seen = new ConcurrentHashMap<>();
    private final AtomicLong total = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread reader;
    private final BiConsumer<String, Long> onResult;

    ResultCollector(String bootstrapServers, String topic) {
        this(bootstrapServers, topic, (id, at) -> {
        });
    }

    /** @param onResult called with the correlation id and {@link System#nanoTime()} of each result read */
    ResultCollector(String bootstrapServers, String topic, BiConsumer<String, Long> onResult) {
        this.onResult = onResult;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "collector-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        reader = new Thread(() -> read(props, topic), "result-collector");
        reader.setDaemon(true);
        reader.start();
    }

    private void read(Properties props, String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (running.get()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    long at = System.nanoTime();
                    Header correlation = record.headers().lastHeader("ce_correlationid");
                    if (correlation != null) {
                        String id = new String(correlation.value(), StandardCharsets.UTF_8);
                        seen.merge(id, 1, Integer::sum);
                        onResult.accept(id, at);
                    }
                    total.incrementAndGet();
                }
            }
        } catch (RuntimeException e) {
            if (running.get()) {
                throw e;
            }
        }
    }

    int distinct() {
        return seen.size();
    }

    long total() {
        return total.get();
    }

    boolean contains(String id) {
        return seen.containsKey(id);
    }

    /** Waits until {@code count} distinct ids were read or the timeout passed; returns the distinct count. */
    int awaitDistinct(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (seen.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return seen.size();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        reader.join(10_000);
    }
}
