package dev.scoring.deployment;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.http.ContentType;

/**
 * With the request log at INFO (the opt-in), one structured line per scoring request, with its identifiers and
 * outcome, never its feature values. {@link DefaultRequestLogTest} covers the default.
 */
class RequestLogTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(root -> TestModel.packagedInto(root).addClasses(RequestLogCapture.class, TestRows.class))
            .setLogRecordPredicate(RequestLogCapture::keep)
            .overrideConfigKey("quarkus.application.name", "iris")
            // the opt-in for a line per scored request
            .overrideConfigKey("quarkus.log.category.\"dev.scoring.request\".level", "INFO");

    @Test
    void aScoredRequestLogsModelVersionRequestIdOutcomeAndLatency() throws InterruptedException {
        given().contentType(ContentType.JSON).header("X-Request-Id", "log-test-1").body(TestRows.SETOSA)
                .when().post("/predict").then().statusCode(200);
        Map<String, String> mdc = await("log-test-1").getMdcCopy();
        assertEquals("iris", mdc.get("model"));
        assertEquals("1.0.0", mdc.get("version"));
        assertEquals("http", mdc.get("channel"));
        assertEquals("200", mdc.get("status"));
        assertEquals("success", mdc.get("outcome"));
        assertTrue(Double.parseDouble(mdc.get("latencyMs")) >= 0);
    }

    @Test
    void aRefusalLogsItsErrorCodeAtWarn() throws InterruptedException {
        given().contentType(ContentType.JSON).header("X-Request-Id", "log-test-2")
                .body("{\"sepal_length\": 5.1}").when().post("/predict").then().statusCode(400);
        ExtLogRecord record = await("log-test-2");
        assertEquals("WARN", record.getLevel().getName());
        assertEquals("missing_feature", record.getMdcCopy().get("outcome"));
    }

    @Test
    void anEventLogsItsCloudEventId() throws InterruptedException {
        given().header("ce-id", "log-test-3").header("ce-specversion", "1.0").header("ce-source", "/t")
                .header("ce-type", "dev.scoring.iris.request").contentType(ContentType.JSON).body(TestRows.SETOSA)
                .when().post("/").then().statusCode(200);
        assertEquals("cloudevent", await("log-test-3").getMdcCopy().get("channel"));
    }

    @Test
    void featureValuesAreNeverLogged() throws InterruptedException {
        given().contentType(ContentType.JSON).header("X-Request-Id", "log-test-4")
                .body("{\"sepal_length\": 5.123456, \"sepal_width\": 3.5, \"petal_length\": 1.4, \"petal_width\": 98.7654}")
                .when().post("/predict").then().statusCode(200);
        ExtLogRecord record = await("log-test-4");
        String everything = record.getFormattedMessage() + record.getMdcCopy();
        assertFalse(everything.contains("5.123456") || everything.contains("98.7654"), everything);
    }

    private ExtLogRecord await(String requestId) throws InterruptedException {
        return RequestLogCapture.await(requestId);
    }
}
