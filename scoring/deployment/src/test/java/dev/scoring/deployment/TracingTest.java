package dev.scoring.deployment;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * A span per scoring request, in the trace the request came with (HTTP traceparent header, or the
 * CloudEvents traceparent extension for events, Kafka ones included), and the reply event carrying
 * the trace on to the consumer.
 */
class TracingTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(root -> TestModel.packagedInto(root)
                    .addClasses(InMemorySpanExporterProducer.class, TestRows.class))
            .overrideConfigKey("quarkus.application.name", "iris")
            // spans exported to the in-memory exporter, quickly
            .overrideConfigKey("quarkus.otel.traces.exporter", "cdi")
            .overrideConfigKey("quarkus.otel.bsp.schedule.delay", "50ms");

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT_SPAN = "00f067aa0ba902b7";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + PARENT_SPAN + "-01";

    @Inject
    InMemorySpanExporter exporter;

    @BeforeEach
    void reset() {
        exporter.reset();
    }

    @Test
    void anHttpRequestIsScoredInTheCallersTrace() throws InterruptedException {
        given().header("traceparent", TRACEPARENT).contentType(ContentType.JSON).body(TestRows.SETOSA)
                .when().post("/predict").then().statusCode(200);
        SpanData span = awaitScoringSpan();
        assertEquals(TRACE_ID, span.getTraceId());
        assertEquals("iris", span.getAttributes().get(AttributeKey.stringKey("scoring.model")));
        assertEquals("1.0.0", span.getAttributes().get(AttributeKey.stringKey("scoring.model.version")));
        assertEquals("http", span.getAttributes().get(AttributeKey.stringKey("scoring.channel")));
        assertEquals(1L, span.getAttributes().get(AttributeKey.longKey("scoring.rows")));
    }

    @Test
    void anEventsTraceparentExtensionIsTheParentAndTheReplyCarriesTheTraceOn() throws InterruptedException {
        Response reply = given().header("ce-id", "trace-1").header("ce-specversion", "1.0").header("ce-source", "/t")
                .header("ce-type", "dev.scoring.iris.request").header("ce-traceparent", TRACEPARENT)
                .contentType(ContentType.JSON).body(TestRows.SETOSA)
                .when().post("/");
        reply.then().statusCode(200);
        SpanData span = awaitScoringSpan();
        assertEquals(TRACE_ID, span.getTraceId());
        assertEquals(PARENT_SPAN, span.getParentSpanId());
        assertEquals("cloudevent", span.getAttributes().get(AttributeKey.stringKey("scoring.channel")));
        assertEquals("trace-1", span.getAttributes().get(AttributeKey.stringKey("cloudevents.event_id")));
        String propagated = reply.getHeader("ce-traceparent");
        assertEquals("00-" + TRACE_ID + "-" + span.getSpanId() + "-01", propagated,
                "the reply continues the trace from the scoring span");
    }

    @Test
    void aKafkaRecordsTraceparentIsFollowedToo() throws InterruptedException {
        Response reply = given().noContentType().header("ce-id", "partition:0/offset:7").header("ce-specversion", "1.0")
                .header("ce-source", "/apis/v1/namespaces/default/kafkasources/iris-input#iris-requests")
                .header("ce-type", "dev.knative.kafka.event").header("ce-traceparent", TRACEPARENT)
                .body(TestRows.SETOSA.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/");
        reply.then().statusCode(200);
        SpanData span = awaitScoringSpan();
        assertEquals(TRACE_ID, span.getTraceId());
        assertEquals("kafka", span.getAttributes().get(AttributeKey.stringKey("scoring.channel")));
        assertTrue(reply.getHeader("ce-traceparent").startsWith("00-" + TRACE_ID + "-"));
    }

    @Test
    void aRequestThatComesWithoutATraceIsNotRecorded() throws InterruptedException {
        // parentbased_always_off: traces are recorded for callers that trace, not started for the rest.
        given().contentType(ContentType.JSON).body(TestRows.SETOSA).when().post("/predict").then().statusCode(200);
        given().header("traceparent", TRACEPARENT).contentType(ContentType.JSON).body(TestRows.VIRGINICA)
                .when().post("/predict").then().statusCode(200);
        awaitScoringSpan(); // the traced request's span is exported...
        Thread.sleep(200);
        long scoringSpans = exporter.getFinishedSpanItems().stream().filter(s -> s.getName().equals("score iris"))
                .count();
        assertEquals(1L, scoringSpans, "...and it is the only one: " + exporter.getFinishedSpanItems());
    }

    private SpanData awaitScoringSpan() throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            List<SpanData> spans = exporter.getFinishedSpanItems();
            for (SpanData span : spans) {
                if (span.getName().equals("score iris")) {
                    return span;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no 'score iris' span in " + exporter.getFinishedSpanItems());
    }
}
