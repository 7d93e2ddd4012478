package dev.scoring.functions.iris;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Scores the held-out split the trainer wrote (models/iris/holdout.csv) through the function itself
 * and checks the accuracy against the gate in models/iris/spec.json.
 */
@QuarkusTest
class IrisHeldOutAccuracyTest {

    /** The quality gate of models/iris/spec.json. */
    private static final double MINIMUM_ACCURACY = 0.9;

    @Test
    void heldOutAccuracyThroughTheFunctionMeetsTheGate() throws IOException {
        List<String> lines = holdoutLines();
        String[] header = lines.get(0).split(",");
        List<Map<String, Double>> rows = new ArrayList<>();
        List<String> truth = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            Map<String, Double> row = new LinkedHashMap<>();
            for (int i = 0; i < header.length - 1; i++) {
                row.put(header[i], Double.parseDouble(cells[i]));
            }
            rows.add(row);
            truth.add(cells[cells.length - 1]);
        }

        List<String> predicted = given().contentType(ContentType.JSON).body(rows)
                .when().post("/predict")
                .then().statusCode(200)
                .extract().jsonPath().getList("label", String.class);

        assertEquals(truth.size(), predicted.size());
        long correct = 0;
        for (int i = 0; i < truth.size(); i++) {
            if (truth.get(i).equals(predicted.get(i))) {
                correct++;
            }
        }
        double accuracy = (double) correct / truth.size();
        assertTrue(accuracy >= MINIMUM_ACCURACY,
                "held-out accuracy " + accuracy + " is below " + MINIMUM_ACCURACY);
        assertEquals(30, truth.size(), "a fifth of 150 rows is held out");
    }

    private static List<String> holdoutLines() throws IOException {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream("model/holdout.csv")) {
            if (in == null) {
                throw new IOException("model/holdout.csv is not on the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
    }
}
