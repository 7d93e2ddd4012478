package dev.scoring.deployment;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.http.ContentType;

/**
 * The drift gauges: held-out rows (drawn like the training data) stay below the significance
 * threshold, the same rows with a shifted feature go past it. Each test fills the whole window
 * (scoring.drift.window, set to {@link #WINDOW} rows below) with its own rows.
 */
class DriftTest {

    /** Population stability index above which a shift counts as significant (documented in README). */
    private static final double SIGNIFICANT = 0.25;
    private static final int WINDOW = 120;

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            // The tests run inside the application, where they read the held-out rows.
            .withApplicationRoot(root -> TestModel.packagedInto(root).addClasses(Metrics.class)
                    .addAsResource("test-model/holdout.csv"))
            .overrideConfigKey("quarkus.application.name", "iris")
            .overrideConfigKey("scoring.drift.window", String.valueOf(WINDOW));

    @Test
    void heldOutRowsStayBelowTheThresholdOnEveryFeature() {
        fillWindow(TestModel.holdoutRows());
        for (String feature : TestModel.featureNames()) {
            double psi = Metrics.value(psi(feature));
            assertTrue(psi < SIGNIFICANT, feature + " PSI " + psi);
            // One held-out flower has a petal length of 1.0 cm, below the training minimum of 1.1 cm.
            assertTrue(Metrics.value(outOfRange(feature)) <= 1.0 / 30, feature);
        }
        double predictionPsi = Metrics.value("scoring_prediction_psi{model=\"iris\",version=\"1.0.0\"}");
        assertTrue(predictionPsi < SIGNIFICANT, "prediction PSI " + predictionPsi);
    }

    @Test
    void aShiftedFeatureGoesPastTheThresholdAndTheOthersDoNot() {
        List<Map<String, Double>> shifted = new ArrayList<>();
        for (Map<String, Double> row : TestModel.holdoutRows()) {
            Map<String, Double> copy = new LinkedHashMap<>(row);
            copy.put("sepal_width", row.get("sepal_width") + 0.8); // about two training standard deviations
            shifted.add(copy);
        }
        fillWindow(shifted);
        double psi = Metrics.value(psi("sepal_width"));
        assertTrue(psi > SIGNIFICANT, "sepal_width PSI " + psi);
        assertTrue(Metrics.value(psi("petal_length")) < SIGNIFICANT);
        assertTrue(Metrics.value(outOfRange("sepal_width")) > 0, "some rows leave the training range");
        assertEquals(WINDOW, Metrics.value("scoring_drift_window_rows{model=\"iris\",version=\"1.0.0\"}"));
    }

    @Test
    void predictionSharesAreComparedWithTheTrainingPrior() {
        List<Map<String, Double>> onlySetosa = TestModel.holdoutRows().subList(0, 10); // holdout.csv lists setosa first
        fillWindow(onlySetosa);
        assertEquals(1.0, Metrics.value(share("setosa")), 0.0);
        assertEquals(0.0, Metrics.value(share("virginica")), 0.0);
        double prior = Metrics.value("scoring_prediction_prior{label=\"setosa\",model=\"iris\",version=\"1.0.0\"}");
        assertEquals(1.0 / 3, prior, 1e-12);
        assertTrue(Metrics.value("scoring_prediction_psi{model=\"iris\",version=\"1.0.0\"}") > SIGNIFICANT);
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
