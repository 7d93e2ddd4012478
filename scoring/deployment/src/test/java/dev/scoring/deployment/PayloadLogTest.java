package dev.scoring.deployment;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.http.ContentType;

/**
 * Payload logging against a real local HTTP sink: events delivered; a slow sink never slows scoring
 * and overflow is dropped and counted; a dead sink is counted and scoring goes on.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PayloadLogTest {

    /** Payload logging on, to the local {@link PayloadSink}, with a tiny queue so that overflow is easy to cause. */
    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(root -> TestModel.packagedInto(root)
                    .addClasses(PayloadSink.class, TestRows.class, Metrics.class))
            .overrideConfigKey("quarkus.application.name", "iris")
            .overrideConfigKey("scoring.payload-log.enabled", "true")
            .overrideConfigKey("scoring.payload-log.sink-url", PayloadSink.start())
            .overrideConfigKey("scoring.payload-log.queue-size", "2")
            .overrideConfigKey("scoring.payload-log.timeout", "1s");

    @Test
    @Order(1)
    void eachScoredRequestIsSentAsARequestAndAResponseEvent() throws InterruptedException {
        given().contentType(ContentType.JSON).body(TestRows.SETOSA).when().post("/predict").then().statusCode(200);
        List<Map<String, String>> events = awaitEvents(2);
        Map<String, String> request = events.stream()
                .filter(e -> "dev.scoring.payload.request".equals(e.get("ce-type"))).findFirst().orElseThrow();
        Map<String, String> response = events.stream()
                .filter(e -> "dev.scoring.payload.response".equals(e.get("ce-type"))).findFirst().orElseThrow();
        assertEquals(request.get("ce-correlationid"), response.get("ce-correlationid"));
        assertEquals("iris", request.get("ce-model"));
        assertEquals("/functions/iris", request.get("ce-source"));
        assertTrue(request.get("body").contains("\"sepal_length\":5.1"), request.get("body"));
        assertTrue(response.get("body").contains("\"label\":\"setosa\""), response.get("body"));
    }

    @Test
    @Order(2)
    void aSlowSinkNeverSlowsScoringAndTheOverflowIsDroppedAndCounted() {
        PayloadSink.delay(3_000);
        for (int i = 0; i < 20; i++) {
            long start = System.nanoTime();
            given().contentType(ContentType.JSON).body(TestRows.SETOSA).when().post("/predict").then().statusCode(200);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 1_000, "request " + i + " waited " + millis + " ms for the sink");
        }
        assertTrue(metric("scoring_payload_log_dropped_total") > 0, "some payloads were dropped");
        PayloadSink.delay(0);
    }

    @Test
    @Order(3)
    void aDeadSinkIsCountedAsFailedAndScoringGoesOn() throws InterruptedException {
        PayloadSink.kill();
        double failedBefore = metric("scoring_payload_log_failed_total");
        for (int i = 0; i < 5; i++) {
            given().contentType(ContentType.JSON).body(TestRows.VIRGINICA).when().post("/predict")
                    .then().statusCode(200);
        }
        for (int i = 0; i < 100 && metric("scoring_payload_log_failed_total") <= failedBefore; i++) {
            Thread.sleep(100);
        }
        assertTrue(metric("scoring_payload_log_failed_total") > failedBefore, "failed sends are counted");
    }

    private static double metric(String name) {
        return Metrics.value(name);
    }

    private static List<Map<String, String>> awaitEvents(int n) throws InterruptedException {
        for (int i = 0; i < 400 && PayloadSink.events().size() < n; i++) { // up to 20 s: a busy CI machine
            Thread.sleep(50);
        }
        assertTrue(PayloadSink.events().size() >= n, "events received: " + PayloadSink.events().size());
        return List.copyOf(PayloadSink.events());
    }
}
