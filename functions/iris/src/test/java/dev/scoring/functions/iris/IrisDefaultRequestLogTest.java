package dev.scoring.functions.iris;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** By default the request log keeps refusals and failures only: a scored request writes no line. */
@QuarkusTest
class IrisDefaultRequestLogTest {

    @RegisterExtension
    final RequestLogCapture log = new RequestLogCapture();

    @Test
    void aRefusalIsLoggedAtWarnWithItsErrorCode() throws InterruptedException {
        given().contentType(ContentType.JSON).header("X-Request-Id", "default-log-1")
                .body("{\"sepal_length\": 5.1}").when().post("/predict").then().statusCode(400);
        ExtLogRecord record = log.await("default-log-1");
        assertEquals("WARN", record.getLevel().getName());
        assertEquals("missing_feature", record.getMdcCopy().get("outcome"));
    }

    @Test
    void aScoredRequestWritesNoLine() throws InterruptedException {
        given().contentType(ContentType.JSON).header("X-Request-Id", "default-log-2").body(IrisRows.SETOSA)
                .when().post("/predict").then().statusCode(200);
        // A refusal sent after it is logged once the response has ended; by then the scored one would be too.
        given().contentType(ContentType.JSON).header("X-Request-Id", "default-log-3")
                .body("{\"sepal_length\": 5.1}").when().post("/predict").then().statusCode(400);
        log.await("default-log-3");
        assertNull(log.find("default-log-2"), "a scored request was logged at the default level");
    }
}
