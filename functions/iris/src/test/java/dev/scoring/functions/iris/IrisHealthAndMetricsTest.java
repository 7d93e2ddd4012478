package dev.scoring.functions.iris;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class IrisHealthAndMetricsTest {

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
        double requestsBefore = metric(requests);
        double latencyBefore = metric(latency);
        double setosaBefore = metric(setosa);

        given().contentType(ContentType.JSON).body("[" + IrisRows.SETOSA + "," + IrisRows.SETOSA + "]")
                .when().post("/predict").then().statusCode(200);

        assertEquals(requestsBefore + 1, metric(requests));
        assertEquals(latencyBefore + 1, metric(latency));
        assertEquals(setosaBefore + 2, metric(setosa), "one prediction per row");
    }

    @Test
    void aRefusedRequestIsCountedByReason() {
        String errors = "scoring_errors_total{channel=\"http\",model=\"iris\",reason=\"missing_feature\",version=\"1.0.0\"}";
        double before = metric(errors);

        given().contentType(ContentType.JSON).body("{\"sepal_length\": 5.1}")
                .when().post("/predict").then().statusCode(400);

        assertEquals(before + 1, metric(errors));
    }

    @Test
    void latencyIsPublishedWithPercentiles() {
        given().contentType(ContentType.JSON).body(IrisRows.SETOSA).when().post("/predict").then().statusCode(200);
        String body = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String quantile : new String[] { "0.5", "0.95", "0.99" }) {
            org.junit.jupiter.api.Assertions.assertTrue(body.contains(
                    "scoring_latency_seconds{channel=\"http\",model=\"iris\",version=\"1.0.0\",quantile=\"" + quantile + "\"}"),
                    "quantile " + quantile);
        }
    }

    /** The current value of one Prometheus sample, 0 when it has not been exported yet. */
    static double metric(String sample) {
        String body = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        // A sample may be followed by an exemplar ("# {trace_id=...} ..."), with tracing on.
        Matcher m = Pattern.compile("^" + Pattern.quote(sample) + " (\\S+)(?: .*)?$", Pattern.MULTILINE).matcher(body);
        return m.find() ? Double.parseDouble(m.group(1)) : 0.0;
    }
}
