package dev.scoring.deployment;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.http.ContentType;

/** By default the request log keeps refusals and failures only: a scored request writes no line. */
class DefaultRequestLogTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(root -> TestModel.packagedInto(root).addClasses(RequestLogCapture.class, TestRows.class))
            .setLogRecordPredicate(RequestLogCapture::keep)
            .overrideConfigKey("quarkus.application.name", "iris");

    @Test
    void aRefusalIsLoggedAtWarnWithItsErrorCode() throws InterruptedException {
        given().contentType(ContentType.JSON).header("X-Request-Id", "default-log-1")
                .body("{\"sepal_length\": 5.1}").when().post("/predict").then().statusCode(400);
        ExtLogRecord record = RequestLogCapture.await("default-log-1");
        assertEquals("WARN", record.getLevel().getName());
        assertEquals("missing_feature", record.getMdcCopy().get("outcome"));
    }

    @Test
    void aScoredRequestWritesNoLine() throws InterruptedException {
        given().contentType(ContentType.JSON).header("X-Request-Id", "default-log-2").body(TestRows.SETOSA)
                .when().post("/predict").then().statusCode(200);
        // A refusal sent after it is logged once the response has ended; by then the scored one would be too.
        given().contentType(ContentType.JSON).header("X-Request-Id", "default-log-3")
                .body("{\"sepal_length\": 5.1}").when().post("/predict").then().statusCode(400);
        RequestLogCapture.await("default-log-3");
        assertNull(RequestLogCapture.find("default-log-2"), "a scored request was logged at the default level");
    }
}
