package dev.scoring.functions.iris.kafka;

import static dev.scoring.functions.iris.kafka.KafkaTestClient.header;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.scoring.functions.iris.IrisRows;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The direct Kafka path against a real (in-JVM) broker: records in, CloudEvents out (Kafka binary
 * binding), poison records to the dead-letter topic with their reason, order per key, offsets committed.
 */
@QuarkusTest
@TestProfile(DirectKafkaProfile.class)
class IrisDirectKafkaTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static KafkaTestClient kafka;

    @BeforeAll
    static void connect() {
        kafka = new KafkaTestClient(InJvmKafka.bootstrapServers());
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void aPlainRecordIsScoredIntoACloudEventCarryingItsKeyOffsetAndModelVersion() throws Exception {
        kafka.send(new ProducerRecord<>(DirectKafkaProfile.REQUESTS, "flower-1", IrisRows.SETOSA));
        ConsumerRecord<String, String> scored = awaitResult(r -> "flower-1".equals(r.key()));

        String correlation = header(scored, "ce_correlationid");
        assertTrue(correlation.matches(DirectKafkaProfile.REQUESTS + "/\\d+/\\d+"),
                "correlation is topic/partition/offset: " + correlation);
        assertEquals("1.0", header(scored, "ce_specversion"));
        assertEquals("dev.scoring.iris.scored", header(scored, "ce_type"));
        assertEquals("/functions/iris", header(scored, "ce_source"));
        assertEquals("1.0.0", header(scored, "ce_modelversion"));
        assertEquals(correlation + "@1.0.0", header(scored, "ce_id"));
        assertEquals("application/json", header(scored, "content-type"));

        JsonNode overHttp = JSON.readTree(given().contentType("application/json").body(IrisRows.SETOSA)
                .post("/predict").then().statusCode(200).extract().asString());
        assertEquals(overHttp, JSON.readTree(scored.value()), "the same answer as over HTTP");
    }

    @Test
    void aBinaryCloudEventKeepsItsIdAsTheCorrelation() {
        ProducerRecord<String, String> event = new ProducerRecord<>(DirectKafkaProfile.REQUESTS, "flower-2",
                IrisRows.VIRGINICA);
        ceHeaders(event, "request-42", "dev.scoring.iris.request");
        event.headers().add(new RecordHeader("ce_subject", "greenhouse-7".getBytes(StandardCharsets.UTF_8)));
        kafka.send(event);

        ConsumerRecord<String, String> scored = awaitResult(r -> "request-42".equals(header(r, "ce_correlationid")));
        assertEquals("request-42@1.0.0", header(scored, "ce_id"));
        assertEquals("greenhouse-7", header(scored, "ce_subject"));
        assertEquals("flower-2", scored.key());
        assertTrue(scored.value().contains("\"label\":\"virginica\""), scored.value());
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicWithTheirReasonAndConsumptionGoesOn() {
        kafka.send(new ProducerRecord<>(DirectKafkaProfile.REQUESTS, "poison-json", "{not json"));
        kafka.send(new ProducerRecord<>(DirectKafkaProfile.REQUESTS, "poison-missing", "{\"sepal_length\": 5.1}"));
        ProducerRecord<String, String> wrongType = new ProducerRecord<>(DirectKafkaProfile.REQUESTS,
                "poison-type", IrisRows.SETOSA);
        ceHeaders(wrongType, "request-wrong-type", "dev.scoring.wine.request");
        kafka.send(wrongType);
        kafka.send(new ProducerRecord<>(DirectKafkaProfile.REQUESTS, "after-poison", IrisRows.VERSICOLOR));

        assertNotNull(awaitResult(r -> "after-poison".equals(r.key())), "a good record after the poison is scored");
        List<ConsumerRecord<String, String>> dead = kafka.readUntil(DirectKafkaProfile.DEAD_LETTERS, WAIT,
                read -> read.stream().filter(r -> r.key() != null && r.key().startsWith("poison-")).count() >= 3);
        Map<String, String> reasons = new java.util.HashMap<>();
        for (ConsumerRecord<String, String> r : dead) {
            if (r.key() != null && r.key().startsWith("poison-")) {
                reasons.put(r.key(), header(r, "dead-letter-reason"));
                assertEquals(DirectKafkaProfile.REQUESTS, header(r, "dead-letter-topic"));
                assertNotNull(header(r, "dead-letter-offset"));
            }
        }
        assertTrue(reasons.get("poison-json").startsWith("invalid_event_data (data): the record value is not JSON"),
                reasons.get("poison-json"));
        assertTrue(reasons.get("poison-missing").startsWith("missing_feature (sepal_width)"),
                reasons.get("poison-missing"));
        assertTrue(reasons.get("poison-type").startsWith("unexpected_event_type (type)"), reasons.get("poison-type"));
        assertEquals("{not json", dead.stream().filter(r -> "poison-json".equals(r.key())).findFirst()
                .orElseThrow().value(), "the dead letter is the original record");
        assertTrue(readResults().stream().noneMatch(r -> r.key() != null && r.key().startsWith("poison-")),
                "a poison record yields no scored event");
    }

    @Test
    void recordsOfOneKeyAreScoredInOrderAndTheirOffsetsCommitted() {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            records.add(new ProducerRecord<>(DirectKafkaProfile.REQUESTS, "ordered",
                    i % 2 == 0 ? IrisRows.SETOSA : IrisRows.VIRGINICA));
        }
        kafka.sendAll(records);
        List<ConsumerRecord<String, String>> results = kafka.readUntil(DirectKafkaProfile.RESULTS, WAIT,
                read -> read.stream().filter(r -> "ordered".equals(r.key())).count() >= 200);
        List<ConsumerRecord<String, String>> ordered = results.stream().filter(r -> "ordered".equals(r.key()))
                .toList();
        assertEquals(200, ordered.size());
        long previous = -1;
        for (int i = 0; i < ordered.size(); i++) {
            long offset = Long.parseLong(header(ordered.get(i), "ce_correlationid").replaceAll(".*/", ""));
            assertTrue(offset > previous, "offsets increase within a key: " + previous + " then " + offset);
            previous = offset;
            assertTrue(ordered.get(i).value().contains(i % 2 == 0 ? "\"label\":\"setosa\"" : "\"label\":\"virginica\""));
        }

        // The group's committed offsets reach the end of the input topic once everything is written.
        Map<TopicPartition, Long> ends = new java.util.HashMap<>(kafka.endOffsets(DirectKafkaProfile.REQUESTS, 3));
        ends.values().removeIf(end -> end == 0); // a partition never written to has nothing to commit
        long deadline = System.nanoTime() + WAIT.toNanos();
        Map<TopicPartition, Long> committed = Map.of();
        while (System.nanoTime() < deadline) {
            committed = new java.util.HashMap<>();
            for (var e : kafka.committedOffsets(DirectKafkaProfile.GROUP).entrySet()) {
                committed.put(e.getKey(), e.getValue().offset());
            }
            if (committed.entrySet().containsAll(ends.entrySet())) {
                break;
            }
            sleep(200);
        }
        for (var end : ends.entrySet()) {
            assertEquals(end.getValue(), committed.get(end.getKey()), "committed offset of " + end.getKey());
        }
    }

    @Test
    void directScoresAreCountedUnderTheirOwnChannel() {
        kafka.send(new ProducerRecord<>(DirectKafkaProfile.REQUESTS, "counted", IrisRows.SETOSA));
        awaitResult(r -> "counted".equals(r.key()));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("scoring_requests_total") && l.contains("channel=\"kafka-direct\"")),
                "scoring_requests_total has a kafka-direct series");
    }

    private static void ceHeaders(ProducerRecord<String, String> record, String id, String type) {
        record.headers().add(new RecordHeader("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader("ce_id", id.getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader("ce_type", type.getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader("ce_source", "/tests".getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader("content-type", "application/json".getBytes(StandardCharsets.UTF_8)));
    }

    private static ConsumerRecord<String, String> awaitResult(java.util.function.Predicate<ConsumerRecord<String, String>> match) {
        List<ConsumerRecord<String, String>> read = kafka.readUntil(DirectKafkaProfile.RESULTS, WAIT,
                records -> records.stream().anyMatch(match));
        Optional<ConsumerRecord<String, String>> found = read.stream().filter(match).findFirst();
        assertTrue(found.isPresent(), "a scored record arrived on " + DirectKafkaProfile.RESULTS);
        return found.get();
    }

    private static List<ConsumerRecord<String, String>> readResults() {
        Map<TopicPartition, Long> ends = kafka.endOffsets(DirectKafkaProfile.RESULTS, 3);
        long total = ends.values().stream().mapToLong(Long::longValue).sum();
        return kafka.readAtLeast(DirectKafkaProfile.RESULTS, (int) total, WAIT);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
