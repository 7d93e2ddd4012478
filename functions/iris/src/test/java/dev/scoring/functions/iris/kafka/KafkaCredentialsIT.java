package dev.scoring.functions.iris.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.scoring.functions.iris.IrisRows;

/**
 * The direct Kafka path against a broker that requires SASL/SCRAM-SHA-512 over TLS ({@code KAFKA_SCRAM_USERS}
 * and {@code KAFKA_TLS} of {@code scripts/kafka-local.sh}: protocol {@code SASL_SSL}, the broker's certificate
 * signed by a CA of its own), with the packaged function in its own process configured the way a generated
 * deployment configures it: the protocol as a setting, the user and password as settings its credentials Secret
 * fills, and the CA's certificate in {@code SCORING_KAFKA_TLS_CA_CERTIFICATES}, the environment variable the
 * Secret's {@code ca.crt} key fills. Right credentials score; a wrong password, or no trust in the broker's CA,
 * keeps the function alive and not ready, saying why, and nothing is consumed.
 */
class KafkaCredentialsIT {

    private static final Path WORK = Path.of("target/kafka-credentials");
    private static final int REQUESTS = 20;

    private static LocalKafkaBroker broker;
    private static KafkaTestClient kafka;

    @BeforeAll
    static void startBroker() throws Exception {
        LocalKafkaBroker.deleteRecursively(WORK);
        broker = new LocalKafkaBroker(Path.of(System.getProperty("scripts.dir", "../../scripts")),
                WORK.resolve("broker").toAbsolutePath(), "broker:broker-secret,iris:iris-secret", true);
        broker.start();
        kafka = new KafkaTestClient(broker.bootstrapServers(), broker.clientProperties());
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
    @Timeout(180)
    void theRightScramCredentialsConsumeAndScore() throws Exception {
        Topics topics = Topics.named("right");
        kafka.createTopics(3, topics.requests(), topics.results(), topics.deadLetters());
        kafka.sendAll(requests(topics.requests()));

        try (FunctionProcess function = FunctionProcess.start(log("right"),
                topics.functionProperties("iris", "iris-secret"), trustingTheBrokersCa())) {
            function.awaitReady(Duration.ofSeconds(90));
            List<ConsumerRecord<String, String>> scored = kafka.readAtLeast(topics.results(), REQUESTS,
                    Duration.ofSeconds(60));
            Set<String> ids = scored.stream().map(record -> KafkaTestClient.header(record, "ce_correlationid"))
                    .collect(Collectors.toSet());
            for (int i = 0; i < REQUESTS; i++) {
                assertTrue(ids.contains("request-" + i), "request-" + i + " was scored; scored: " + ids);
            }
            assertTrue(scored.get(0).value().contains("\"label\""), scored.get(0).value());
        }
    }

    @Test
    @Timeout(180)
    void aWrongPasswordLeavesTheFunctionAliveNotReadyWithTheReasonAndConsumesNothing() throws Exception {
        Topics topics = Topics.named("wrong");
        kafka.createTopics(3, topics.requests(), topics.results(), topics.deadLetters());
        kafka.sendAll(requests(topics.requests()));

        try (FunctionProcess function = FunctionProcess.start(log("wrong"),
                topics.functionProperties("iris", "not-the-password"), trustingTheBrokersCa())) {
            HttpResponse<String> readiness = awaitReadinessMentioning(function, "kafka-authentication",
                    Duration.ofSeconds(90), "wrong");
            assertEquals(503, readiness.statusCode(), readiness.body());
            String body = readiness.body();
            assertTrue(body.contains("refuse the direct path's credentials"), body);
            assertTrue(body.contains("SCRAM-SHA-512"), body);
            assertTrue(!body.contains("not-the-password"), "the password is never shown: " + body);

            // Still refused a while later, and alive all along: the clients retry, Kubernetes does not restart it.
            Thread.sleep(5_000);
            assertTrue(function.isAlive(), "the function keeps running with wrong credentials");
            assertEquals(200, function.get("/q/health/live").statusCode(), "liveness stays UP");
            assertEquals(503, function.get("/q/health/ready").statusCode(), "readiness stays DOWN");

            assertEquals(Map.of(), kafka.committedOffsets(topics.group()), "no offset was committed");
            long results = kafka.endOffsets(topics.results(), 3).values().stream().mapToLong(Long::longValue).sum();
            assertEquals(0, results, "nothing was scored");
        }
        String log = Files.readString(log("wrong"));
        assertTrue(!log.contains("not-the-password"), "the password is not logged");
    }

    @Test
    @Timeout(180)
    void aBrokerCertificateTheFunctionDoesNotTrustLeavesItAliveNotReadyAndConsumesNothing() throws Exception {
        Topics topics = Topics.named("untrusted");
        kafka.createTopics(3, topics.requests(), topics.results(), topics.deadLetters());
        kafka.sendAll(requests(topics.requests()));

        // No CA certificate: the JVM's default trust store, which knows nothing of the broker's CA.
        try (FunctionProcess function = FunctionProcess.start(log("untrusted"),
                topics.functionProperties("iris", "iris-secret"))) {
            HttpResponse<String> readiness = awaitReadinessMentioning(function, "kafka-authentication",
                    Duration.ofSeconds(90), "untrusted");
            assertEquals(503, readiness.statusCode(), readiness.body());
            assertTrue(readiness.body().contains("SASL_SSL"), readiness.body());
            assertTrue(readiness.body().contains("TLS handshake"), readiness.body());
            Thread.sleep(5_000);
            assertTrue(function.isAlive(), "the function keeps running without trust in the broker");
            assertEquals(200, function.get("/q/health/live").statusCode(), "liveness stays UP");
            assertEquals(503, function.get("/q/health/ready").statusCode(), "readiness stays DOWN");
            assertEquals(Map.of(), kafka.committedOffsets(topics.group()), "no offset was committed");
            long results = kafka.endOffsets(topics.results(), 3).values().stream().mapToLong(Long::longValue).sum();
            assertEquals(0, results, "nothing was scored");
        }
    }

    /** The broker's CA as a generated deployment hands it to the container: from the Secret's {@code ca.crt}. */
    private static Map<String, String> trustingTheBrokersCa() throws IOException {
        return Map.of("SCORING_KAFKA_TLS_CA_CERTIFICATES", Files.readString(broker.caCertificate()));
    }

    private static HttpResponse<String> awaitReadinessMentioning(FunctionProcess function, String check,
            Duration timeout, String logName) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            assertTrue(function.isAlive(), "the function exited; see " + log(logName));
            try {
                last = function.get("/q/health/ready");
                if (last.body().contains(check) && last.body().contains("\"status\": \"DOWN\"")
                        && last.body().contains("reason")) {
                    return last;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("readiness never reported " + check + " DOWN with a reason; last: "
                + (last == null ? "no answer" : last.body()));
    }

    private record Topics(String requests, String results, String deadLetters, String group) {

        static Topics named(String name) {
            return new Topics("sasl-" + name + "-requests", "sasl-" + name + "-scored",
                    "sasl-" + name + "-dead-letters", "iris-sasl-" + name);
        }

        Map<String, String> functionProperties(String user, String password) {
            return Map.of(
                    "scoring.kafka.enabled", "true",
                    "kafka.bootstrap.servers", broker.bootstrapServers(),
                    "scoring.kafka.security-protocol", "SASL_SSL",
                    "scoring.kafka.sasl.mechanism", "SCRAM-SHA-512",
                    "scoring.kafka.sasl.username", user,
                    "scoring.kafka.sasl.password", password,
                    "mp.messaging.incoming.scoring-requests.topics", requests,
                    "mp.messaging.incoming.scoring-requests.group.id", group,
                    "mp.messaging.incoming.scoring-requests.dead-letter-queue.topic", deadLetters,
                    "mp.messaging.outgoing.scoring-results.topic", results);
        }
    }

    private static List<ProducerRecord<String, String>> requests(String topic) {
        String[] rows = { IrisRows.SETOSA, IrisRows.VERSICOLOR, IrisRows.VIRGINICA };
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            records.add(KafkaTestClient.cloudEvent(topic, "key-" + i, "request-" + i, "/tests/sasl",
                    "dev.scoring.iris.request", rows[i % 3]));
        }
        return records;
    }


    private static Path log(String name) throws IOException {
        Files.createDirectories(WORK);
        return WORK.resolve("function-" + name + ".log");
    }

}
