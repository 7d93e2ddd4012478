package dev.scoring.deployment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.ProdBuildResults;
import io.quarkus.test.ProdModeTestResults;
import io.quarkus.test.QuarkusProdModeTest;

/**
 * An application made of the extension and a packaged model, nothing else, built as a user builds it
 * and started as {@code java -jar} starts it, logs readable text without a single warning, and scores:
 * what a user sees on the terminal at every start is part of the product.
 */
class CleanStartTest {

    @RegisterExtension
    static final QuarkusProdModeTest app = new QuarkusProdModeTest()
            .withApplicationRoot(TestModel::packagedInto)
            .setApplicationName("iris")
            .setApplicationVersion("0.1.0")
            .setRun(true);

    @ProdBuildResults
    ProdModeTestResults results;

    @Test
    void startsWithReadableTextAndNoWarning() {
        List<String> lines = app.getStartupConsoleOutput().lines().toList();
        assertTrue(lines.stream().anyMatch(line -> line.contains("INFO  [io.quarkus]") && line.contains("started in")),
                "a readable 'started in' line:\n" + String.join("\n", lines));
        assertEquals(List.of(), lines.stream().filter(line -> line.startsWith("{")).toList(), "JSON lines on a terminal");
        // This application is built without Jib (every function has it), so the Jib keys the extension
        // defaults are unknown here and Quarkus says so; any other warning fails.
        assertEquals(List.of(), lines.stream().filter(line -> line.contains(" WARN ") || line.contains(" ERROR "))
                .filter(line -> !line.contains("Unrecognized configuration key \"quarkus.jib."))
                .toList(), "warnings or errors at start");
    }

    @Test
    void scoresTheSampleRow() {
        given().contentType("application/json")
                .body("{\"sepal_length\": 5.1, \"sepal_width\": 3.5, \"petal_length\": 1.4, \"petal_width\": 0.2}")
                .post("/predict")
                .then().statusCode(200)
                .body("label", equalTo("setosa"));
    }
}
