package dev.scoring.functions.iris.kafka;

import static dev.scoring.functions.iris.kafka.KafkaTestClient.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.scoring.functions.iris.IrisRows;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The Knative path with a real broker: records on the input topic reach the function as the exact
 * HTTP CloudEvents a KafkaSource sends, and the function's replies land on the results topic as a
 * KafkaSink writes them (see {@link KnativeKafkaEmulator}, a test fixture).
 */
@QuarkusTest
@TestProfile(KnativeKafkaProfile.class)
class KnativeKafkaExchangeTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URI function;

    private static KafkaTestClient kafka;
    private static KnativeKafkaEmulator knative;

    @BeforeAll
    static void connect() {
        kafka = new KafkaTestClient(InJvmKafka.bootstrapServers());
    }

    @AfterAll
    static void disconnect() throws InterruptedException {
        if (knative != null) {
            knative.close();
        }
        kafka.close();
    }

    private KnativeKafkaEmulator knative() {
        if (knative == null) {
            // retry 3, exponential from 100 ms: the Trigger's delivery, shortened for the test
            knative = new KnativeKafkaEmulator(InJvmKafka.bootstrapServers(), KnativeKafkaProfile.REQUESTS,
                    KnativeKafkaProfile.RESULTS, KnativeKafkaProfile.DEAD_LETTERS, function, 3,
                    Duration.ofMillis(100));
        }
        return knative;
    }

    @Test
    void aRecordBecomesAScoredRecordKeyedLikeTheRequest() throws Exception {
        knative();
        ProducerRecord<String, String> record = new ProducerRecord<>(KnativeKafkaProfile.REQUESTS, "greenhouse-3",
                IrisRows.VERSICOLOR);
        record.headers().add(new RecordHeader("origin", "sensor-12".getBytes(StandardCharsets.UTF_8)));
        kafka.send(record);

        List<ConsumerRecord<String, String>> results = kafka.readUntil(KnativeKafkaProfile.RESULTS, WAIT,
                read -> read.stream().anyMatch(r -> "greenhouse-3".equals(r.key())));
        knative.assertHealthy();
        ConsumerRecord<String, String> scored = results.stream().filter(r -> "greenhouse-3".equals(r.key()))
                .findFirst().orElseThrow(() -> new AssertionError("no scored record on " + KnativeKafkaProfile.RESULTS));

        // KafkaSink binary binding: CloudEvent attributes as ce_ headers, the data as the value.
        assertEquals("1.0", header(scored, "ce_specversion"));
        assertEquals("dev.scoring.iris.scored", header(scored, "ce_type"));
        assertEquals("/functions/iris", header(scored, "ce_source"));
        assertTrue(header(scored, "ce_correlationid").matches("partition:\\d+/offset:\\d+"),
                "correlated with the KafkaSource event id: " + header(scored, "ce_correlationid"));
        assertTrue(header(scored, "ce_subject").matches("partition:\\d+#\\d+"), "the request's subject is kept");
        assertEquals("greenhouse-3", header(scored, "ce_partitionkey"));
        assertEquals("application/json", header(scored, "content-type"));
        JsonNode result = JSON.readTree(scored.value());
        assertEquals("versicolor", result.get("label").asText());
        assertEquals("1.0.0", result.get("version").asText());
    }

    @Test
    void recordsOfOneKeyArriveInOrder() {
        knative();
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            records.add(new ProducerRecord<>(KnativeKafkaProfile.REQUESTS, "ordered",
                    i % 2 == 0 ? IrisRows.SETOSA : IrisRows.VIRGINICA));
        }
        kafka.sendAll(records);
        List<ConsumerRecord<String, String>> ordered = kafka.readUntil(KnativeKafkaProfile.RESULTS, WAIT,
                read -> read.stream().filter(r -> "ordered".equals(r.key())).count() >= 50)
                .stream().filter(r -> "ordered".equals(r.key())).toList();
        knative.assertHealthy();
        assertEquals(50, ordered.size());
        for (int i = 0; i < ordered.size(); i++) {
            assertTrue(ordered.get(i).value().contains(i % 2 == 0 ? "setosa" : "virginica"), "record " + i);
        }
    }

    @Test
    void aRecordTheFunctionRefusesGoesToTheDeadLetterSinkWithTheErrorBody() throws Exception {
        knative();
        kafka.send(new ProducerRecord<>(KnativeKafkaProfile.REQUESTS, "broken", "{\"sepal_length\": \"tall\"}"));

        List<ConsumerRecord<String, String>> dead = kafka.readUntil(KnativeKafkaProfile.DEAD_LETTERS, WAIT,
                read -> read.stream().anyMatch(r -> "broken".equals(r.key())));
        knative.assertHealthy();
        ConsumerRecord<String, String> letter = dead.stream().filter(r -> "broken".equals(r.key())).findFirst()
                .orElseThrow(() -> new AssertionError("no dead letter"));
        assertEquals("400", header(letter, "ce_knativeerrorcode"));
        assertEquals("dev.knative.kafka.event", header(letter, "ce_type"));
        JsonNode error = JSON.readTree(Base64.getDecoder().decode(header(letter, "ce_knativeerrordata")));
        assertEquals("sepal_length", error.get("field").asText(), error.toString());
        assertEquals("{\"sepal_length\": \"tall\"}", letter.value(), "the dead letter carries the original data");
        assertNull(kafka.readUntil(KnativeKafkaProfile.RESULTS, Duration.ofSeconds(1), read -> false).stream()
                .filter(r -> "broken".equals(r.key())).findFirst().orElse(null), "no scored record for it");
    }
}
