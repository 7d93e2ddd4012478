package dev.scoring.deployment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.http.ContentType;

/** Health checks naming the served model, and the scoring metrics a request moves. */
class HealthAndMetricsTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(root -> TestModel.packagedInto(root).addClasses(TestRows.class, Metrics.class))
            .overrideConfigKey("quarkus.application.name", "iris");

    @Test
    void readinessIsUpWithTheVerifiedModel() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'model' }.data.name", equalTo("iris"))
                .body("checks.find { it.name == 'model' }.data.version", equalTo("1.0.0"));
    }

    @Test
    void livenessAndStartupAreUp() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/started").then().statusCode(200)
                .body("checks.name", hasItem("model-loading"));
    }

    @Test
    void aScoredRequestMovesRequestsLatencyAndPredictionMetrics() {
        String requests = "scoring_requests_total{channel=\"http\",model=\"iris\",outcome=\"success\",version=\"1.0.0\"}";
        String latency = "scoring_latency_seconds_count{channel=\"http\",model=\"iris\",version=\"1.0.0\"}";
        String setosa = "scoring_predictions_total{label=\"setosa\",model=\"iris\",version=\"1.0.0\"}";
        double requestsBefore = Metrics.value(requests);
        double latencyBefore = Metrics.value(latency);
        double setosaBefore = Metrics.value(setosa);

        given().contentType(ContentType.JSON).body("[" + TestRows.SETOSA + "," + TestRows.SETOSA + "]")
                .when().post("/predict").then().statusCode(200);

        assertEquals(requestsBefore + 1, Metrics.value(requests));
        assertEquals(latencyBefore + 1, Metrics.value(latency));
        assertEquals(setosaBefore + 2, Metrics.value(setosa), "one prediction per row");
    }

    @Test
    void aRefusedRequestIsCountedByReason() {
        String errors = "scoring_errors_total{channel=\"http\",model=\"iris\",reason=\"missing_feature\",version=\"1.0.0\"}";
        double before = Metrics.value(errors);

        given().contentType(ContentType.JSON).body("{\"sepal_length\": 5.1}")
                .when().post("/predict").then().statusCode(400);

        assertEquals(before + 1, Metrics.value(errors));
    }

    @Test
    void latencyIsPublishedWithPercentiles() {
        given().contentType(ContentType.JSON).body(TestRows.SETOSA).when().post("/predict").then().statusCode(200);
        String body = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String quantile : new String[] { "0.5", "0.95", "0.99" }) {
            org.junit.jupiter.api.Assertions.assertTrue(body.contains(
                    "scoring_latency_seconds{channel=\"http\",model=\"iris\",version=\"1.0.0\",quantile=\"" + quantile + "\"}"),
                    "quantile " + quantile);
        }
    }
}
