package dev.scoring.functions.iris.kafka;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.scoring.functions.iris.IrisRows;

/**
 * BENCHMARK, not a test (run by {@code scripts/bench-kafka.sh}): end-to-end events per second and
 * event latency through the direct Kafka path of a running function.
 * <ol>
 * <li>warm-up: {@code warmup} events, waited for;</li>
 * <li>throughput: {@code count} events produced as fast as the producer can, timed from the first send
 * to the last scored event read;</li>
 * <li>latency: events at a fixed rate (half the measured throughput unless given) for a fixed time,
 * open loop: each event has an intended send time on a fixed schedule and its latency is measured from
 * that time, not from when the sender got round to it, so a stall counts against every event it delays
 * (no coordinated omission).</li>
 * </ol>
 * Latency = the benchmark's consumer reading the scored event minus the intended send time, both on
 * this JVM's monotonic clock; it includes the producer, the broker twice, the function and the consumer.
 */
public final class KafkaDirectBenchmark {

    private final String bootstrap;
    private final String requests;
    private final String results;

    private KafkaDirectBenchmark(String bootstrap, String requests, String results) {
        this.bootstrap = bootstrap;
        this.requests = requests;
        this.results = results;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new ConcurrentHashMap<>();
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            opts.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        KafkaDirectBenchmark bench = new KafkaDirectBenchmark(opts.getOrDefault("bootstrap", "127.0.0.1:9092"),
                opts.getOrDefault("requests", "iris-requests"), opts.getOrDefault("results", "iris-scored"));
        int warmup = Integer.parseInt(opts.getOrDefault("warmup", "5000"));
        int count = Integer.parseInt(opts.getOrDefault("count", "50000"));
        int seconds = Integer.parseInt(opts.getOrDefault("latency-seconds", "20"));

        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Map<String, Long> latencies = new ConcurrentHashMap<>();
        try (ResultCollector collector = new ResultCollector(bench.bootstrap, bench.results, (id, at) -> {
            Long sent = sentAt.get(id);
            if (sent != null) {
                latencies.putIfAbsent(id, at - sent);
            }
        }); KafkaProducer<String, String> producer = producer(bench.bootstrap)) {
            String run = Long.toString(System.currentTimeMillis(), 36);

            bench.burst(producer, "warmup-" + run, warmup, sentAt);
            awaitAll(collector, warmup, Duration.ofMinutes(2));

            int before = collector.distinct();
            long start = System.nanoTime();
            bench.burst(producer, "burst-" + run, count, sentAt);
            int seen = awaitAll(collector, before + count, Duration.ofMinutes(5)) - before;
            double elapsed = (System.nanoTime() - start) / 1e9;
            double throughput = seen / elapsed;
            System.out.printf(Locale.ROOT, "throughput: %d events in %.2f s = %.0f events/s%n", seen, elapsed,
                    throughput);

            double rate = opts.containsKey("rate") ? Double.parseDouble(opts.get("rate")) : Math.floor(throughput / 2);
            latencies.clear();
            int sent = bench.fixedRate(producer, "rate-" + run, rate, seconds, sentAt);
            // Wait for the events of the fixed-rate run still on their way.
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (countPrefix(latencies, "rate-" + run) < sent && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            long[] sorted = latencies.entrySet().stream().filter(e -> e.getKey().startsWith("rate-" + run))
                    .mapToLong(Map.Entry::getValue).sorted().toArray();
            System.out.printf(Locale.ROOT, "latency at %.0f events/s for %d s (%d sent, %d scored): "
                    + "p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms%n", rate, seconds, sent,
                    sorted.length, ms(sorted, 0.50), ms(sorted, 0.90), ms(sorted, 0.99), ms(sorted, 0.999),
                    sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6);
            String json = String.format(Locale.ROOT, "{\"throughputEventsPerSecond\": %.1f, \"burstEvents\": %d, "
                    + "\"latencyRateEventsPerSecond\": %.1f, \"latencySeconds\": %d, \"latencySent\": %d, "
                    + "\"latencyScored\": %d, \"p50Ms\": %.3f, \"p90Ms\": %.3f, \"p99Ms\": %.3f, \"p999Ms\": %.3f, "
                    + "\"maxMs\": %.3f}%n", throughput, seen, rate, seconds, sent, sorted.length, ms(sorted, 0.50),
                    ms(sorted, 0.90), ms(sorted, 0.99), ms(sorted, 0.999),
                    sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6);
            if (opts.containsKey("json")) {
                Files.writeString(Path.of(opts.get("json")), json);
            }
            System.out.print(json);
        }
    }

    private void burst(KafkaProducer<String, String> producer, String prefix, int count, Map<String, Long> sentAt) {
        for (int i = 0; i < count; i++) {
            String id = prefix + "-" + i;
            sentAt.put(id, System.nanoTime());
            producer.send(request(id, i));
        }
        producer.flush();
    }

    /** Open loop: event i is due at start + i/rate; a late sender catches up, the delay is measured. */
    private int fixedRate(KafkaProducer<String, String> producer, String prefix, double rate, int seconds,
            Map<String, Long> sentAt) {
        long start = System.nanoTime();
        long interval = (long) (1e9 / rate);
        int total = (int) (rate * seconds);
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            String id = prefix + "-" + i;
            sentAt.put(id, due);
            producer.send(request(id, i));
        }
        producer.flush();
        return total;
    }

    private ProducerRecord<String, String> request(String id, int i) {
        String[] rows = { IrisRows.SETOSA, IrisRows.VERSICOLOR, IrisRows.VIRGINICA };
        ProducerRecord<String, String> record = new ProducerRecord<>(requests, "key-" + (i % 64), rows[i % 3]);
        record.headers().add(new RecordHeader("ce_specversion", bytes("1.0")));
        record.headers().add(new RecordHeader("ce_id", bytes(id)));
        record.headers().add(new RecordHeader("ce_type", bytes("dev.scoring.iris.request")));
        record.headers().add(new RecordHeader("ce_source", bytes("/bench")));
        record.headers().add(new RecordHeader("content-type", bytes("application/json")));
        return record;
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "1");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private static int awaitAll(ResultCollector collector, int distinct, Duration timeout) throws InterruptedException {
        return collector.awaitDistinct(distinct, timeout);
    }

    private static int countPrefix(Map<String, Long> map, String prefix) {
        return (int) map.keySet().stream().filter(k -> k.startsWith(prefix)).count();
    }

    private static double ms(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
