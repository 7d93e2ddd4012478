package dev.scoring.functions.iris.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.scoring.functions.iris.IrisRows;

/**
 * The direct Kafka path under faults, with everything real: a Kafka broker process
 * ({@code scripts/kafka-local.sh}) and the packaged function in its own process. Every test sends
 * 10,000 scoring requests, each with its own CloudEvent id, and waits for a scored event per id;
 * duplicates (redeliveries) are allowed and reported, losses are not. Processes are stopped by pid.
 */
class KafkaDeliveryFaultsIT {

    private static final int REQUESTS = 10_000;
    private static final Duration WAIT = Duration.ofSeconds(150);
    /**
     * The replacement's JVM start (a few seconds, more on a loaded machine) overlaps the 10 s session
     * timeout; with Kafka's default of 45 s this fails.
     */
    private static final double RESUME_LIMIT_S = 20;
    private static final Path WORK = Path.of("target/kafka-faults");

    private static LocalKafkaBroker broker;
    private static KafkaTestClient kafka;

    @BeforeAll
    static void startBroker() throws Exception {
        LocalKafkaBroker.deleteRecursively(WORK);
        broker = new LocalKafkaBroker(Path.of(System.getProperty("scripts.dir", "../../scripts")),
                WORK.resolve("broker").toAbsolutePath());
        broker.start();
        kafka = new KafkaTestClient(broker.bootstrapServers());
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    @Timeout(300)
    void tenThousandRequestsGiveTenThousandResultsAndPoisonGoesToTheDeadLetterTopic() throws Exception {
        Topics topics = Topics.named("all");
        List<ProducerRecord<String, String>> records = requests(topics.requests());
        for (int i = 0; i < 20; i++) {
            // Poison, interleaved: not JSON, and a row missing a feature.
            records.add(i * 500, new ProducerRecord<>(topics.requests(), "poison-" + i,
                    i % 2 == 0 ? "{\"sepal_length\": " : "{\"sepal_length\": 5.0}"));
        }
        kafka.sendAll(records);

        try (ResultCollector results = new ResultCollector(broker.bootstrapServers(), topics.results());
                FunctionProcess function = FunctionProcess.start(log("all"), topics.functionProperties())) {
            int distinct = results.awaitDistinct(REQUESTS, WAIT);
            report("no fault", results);
            assertEquals(REQUESTS, distinct, "every request id has a scored event");
            assertAllIdsPresent(results);

            List<ConsumerRecord<String, String>> dead = kafka.readUntil(topics.deadLetters(), Duration.ofSeconds(30),
                    read -> read.size() >= 20);
            assertEquals(20, dead.size(), "every poison record is on the dead-letter topic, once");
            for (ConsumerRecord<String, String> letter : dead) {
                String reason = KafkaTestClient.header(letter, "dead-letter-reason");
                assertTrue(letter.key().startsWith("poison-"), letter.key());
                assertTrue(reason.startsWith("invalid_event_data (data)") || reason.startsWith("missing_feature"),
                        reason);
            }
        }
    }

    @Test
    @Timeout(300)
    void aBrokerRestartMidStreamLosesNothing() throws Exception {
        Topics topics = Topics.named("broker-restart");
        kafka.sendAll(requests(topics.requests()));

        try (ResultCollector results = new ResultCollector(broker.bootstrapServers(), topics.results());
                FunctionProcess function = FunctionProcess.start(log("broker-restart"), topics.functionProperties())) {
            int atFault = awaitProgress(results, 1_000);
            broker.stop();
            Thread.sleep(3_000);
            broker.start();
            System.out.printf("broker restarted after %d of %d results%n", atFault, REQUESTS);
            assertTrue(atFault < REQUESTS, "the broker went away mid-stream");

            int distinct = results.awaitDistinct(REQUESTS, WAIT);
            report("broker restart", results);
            assertEquals(REQUESTS, distinct, "every request id has a scored event after the broker restart");
            assertAllIdsPresent(results);
        }
    }

    @Test
    @Timeout(300)
    void aFunctionKilledMidStreamLosesNothingOnceRestarted() throws Exception {
        Topics topics = Topics.named("sigkill");
        kafka.sendAll(requests(topics.requests()));

        try (ResultCollector results = new ResultCollector(broker.bootstrapServers(), topics.results())) {
            FunctionProcess first = FunctionProcess.start(log("sigkill-1"), topics.functionProperties());
            int atFault;
            long killed;
            try {
                atFault = awaitProgress(results, 1_000);
                first.kill();
                killed = System.nanoTime();
            } finally {
                first.close();
            }
            System.out.printf("function SIGKILLed (pid %d) after %d of %d results%n", first.pid(), atFault, REQUESTS);
            assertTrue(atFault < REQUESTS, "the function died mid-stream");

            try (FunctionProcess second = FunctionProcess.start(log("sigkill-2"), topics.functionProperties())) {
                // Started at once, as a replacement would be. It gets the dead member's partitions when the
                // group drops that member: after the consumer session timeout (10 s, not Kafka's 45 s default).
                long beforeResume = results.total();
                long deadline = killed + WAIT.toNanos();
                while (results.total() == beforeResume && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                double resumedAfter = (System.nanoTime() - killed) / 1e9;
                System.out.printf("the replacement scored again %.1f s after the SIGKILL%n", resumedAfter);
                assertTrue(resumedAfter < RESUME_LIMIT_S, "the replacement resumed " + resumedAfter
                        + " s after the crash; the session timeout should let it resume within about 10 s");
                int distinct = results.awaitDistinct(REQUESTS, WAIT);
                report("SIGKILL and restart", results);
                assertEquals(REQUESTS, distinct, "every request id has a scored event after the restart");
                assertAllIdsPresent(results);
            }
        }
    }

    private record Topics(String requests, String results, String deadLetters, String group) {

        static Topics named(String name) {
            return new Topics("faults-" + name + "-requests", "faults-" + name + "-scored",
                    "faults-" + name + "-dead-letters", "iris-faults-" + name);
        }

        Map<String, String> functionProperties() {
            return Map.of(
                    "scoring.kafka.enabled", "true",
                    "kafka.bootstrap.servers", broker.bootstrapServers(),
                    "mp.messaging.incoming.scoring-requests.topics", requests,
                    "mp.messaging.incoming.scoring-requests.group.id", group,
                    "mp.messaging.incoming.scoring-requests.dead-letter-queue.topic", deadLetters,
                    "mp.messaging.outgoing.scoring-results.topic", results,
                    "quarkus.log.console.json.enabled", "false");
        }
    }

    /** 10,000 binary-mode CloudEvents with ids request-0..9999, spread over 50 keys. */
    private static List<ProducerRecord<String, String>> requests(String topic) {
        String[] rows = { IrisRows.SETOSA, IrisRows.VERSICOLOR, IrisRows.VIRGINICA };
        List<ProducerRecord<String, String>> records = new ArrayList<>(REQUESTS + 20);
        for (int i = 0; i < REQUESTS; i++) {
            records.add(KafkaTestClient.cloudEvent(topic, "key-" + (i % 50), "request-" + i, "/tests/faults",
                    "dev.scoring.iris.request", rows[i % 3]));
        }
        return records;
    }


    private static int awaitProgress(ResultCollector results, int count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (results.distinct() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(results.distinct() >= count, "the function made progress before the fault");
        return results.distinct();
    }

    private static void assertAllIdsPresent(ResultCollector results) {
        for (int i = 0; i < REQUESTS; i++) {
            assertTrue(results.contains("request-" + i), "request-" + i + " has a scored event");
        }
    }

    private static void report(String scenario, ResultCollector results) {
        System.out.printf("%s: %d scored events for %d distinct request ids (%d duplicates from redelivery)%n",
                scenario, results.total(), results.distinct(), results.total() - results.distinct());
    }

    private static Path log(String name) throws IOException {
        Files.createDirectories(WORK);
        return WORK.resolve("function-" + name + ".log");
    }

}
