package dev.scoring.functions.iris;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.scoring.testing.PackagedModel;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The drift gauges: held-out rows (drawn like the training data) stay below the significance
 * threshold, the same rows with a shifted feature go past it. Each test fills the whole window
 * (scoring.drift.window=120 in the test configuration) with its own rows.
 */
@QuarkusTest
class IrisDriftTest {

    /** Population stability index above which a shift counts as significant (documented in README). */
    private static final double SIGNIFICANT = 0.25;
    private static final int WINDOW = 120;

    private final PackagedModel model = PackagedModel.fromClassPath();

    @Test
    void heldOutRowsStayBelowTheThresholdOnEveryFeature() {
        fillWindow(model.holdoutRows());
        for (String feature : model.featureNames()) {
            double psi = IrisHealthAndMetricsTest.metric(psi(feature));
            assertTrue(psi < SIGNIFICANT, feature + " PSI " + psi);
            // One held-out flower has a petal length of 1.0 cm, below the training minimum of 1.1 cm.
            assertTrue(IrisHealthAndMetricsTest.metric(outOfRange(feature)) <= 1.0 / 30, feature);
        }
        double predictionPsi = IrisHealthAndMetricsTest.metric("scoring_prediction_psi{model=\"iris\",version=\"1.0.0\"}");
        assertTrue(predictionPsi < SIGNIFICANT, "prediction PSI " + predictionPsi);
    }

    @Test
    void aShiftedFeatureGoesPastTheThresholdAndTheOthersDoNot() {
        List<Map<String, Double>> shifted = new ArrayList<>();
        for (Map<String, Double> row : model.holdoutRows()) {
            Map<String, Double> copy = new LinkedHashMap<>(row);
            copy.put("sepal_width", row.get("sepal_width") + 0.8); // about two training standard deviations
            shifted.add(copy);
        }
        fillWindow(shifted);
        double psi = IrisHealthAndMetricsTest.metric(psi("sepal_width"));
        assertTrue(psi > SIGNIFICANT, "sepal_width PSI " + psi);
        assertTrue(IrisHealthAndMetricsTest.metric(psi("petal_length")) < SIGNIFICANT);
        assertTrue(IrisHealthAndMetricsTest.metric(outOfRange("sepal_width")) > 0, "some rows leave the training range");
        assertEquals(WINDOW, IrisHealthAndMetricsTest.metric("scoring_drift_window_rows{model=\"iris\",version=\"1.0.0\"}"));
    }

    @Test
    void predictionSharesAreComparedWithTheTrainingPrior() {
        List<Map<String, Double>> onlySetosa = model.holdoutRows().subList(0, 10); // holdout.csv lists setosa first
        fillWindow(onlySetosa);
        assertEquals(1.0, IrisHealthAndMetricsTest.metric(share("setosa")), 0.0);
        assertEquals(0.0, IrisHealthAndMetricsTest.metric(share("virginica")), 0.0);
        double prior = IrisHealthAndMetricsTest.metric("scoring_prediction_prior{label=\"setosa\",model=\"iris\",version=\"1.0.0\"}");
        assertEquals(1.0 / 3, prior, 1e-12);
        assertTrue(IrisHealthAndMetricsTest.metric("scoring_prediction_psi{model=\"iris\",version=\"1.0.0\"}") > SIGNIFICANT);
    }

    private static void fillWindow(List<Map<String, Double>> rows) {
        List<Map<String, Double>> batch = new ArrayList<>();
        while (batch.size() < WINDOW) {
            batch.addAll(rows.subList(0, Math.min(rows.size(), WINDOW - batch.size())));
        }
        given().contentType(ContentType.JSON).body(batch).when().post("/predict").then().statusCode(200);
    }

    private static String psi(String feature) {
        return "scoring_drift_psi{feature=\"" + feature + "\",model=\"iris\",version=\"1.0.0\"}";
    }

    private static String outOfRange(String feature) {
        return "scoring_drift_out_of_range_ratio{feature=\"" + feature + "\",model=\"iris\",version=\"1.0.0\"}";
    }

    private static String share(String label) {
        return "scoring_prediction_share{label=\"" + label + "\",model=\"iris\",version=\"1.0.0\"}";
    }
}
