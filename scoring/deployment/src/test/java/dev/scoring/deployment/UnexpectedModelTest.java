package dev.scoring.deployment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.http.ContentType;

/**
 * A deployment that expects another model than the image holds (a ScoringFunction's spec.model.sha256 naming a
 * model the image was not built with) stays unready and scores nothing, so that Knative does not route to it and
 * the operator rolls it back.
 */
class UnexpectedModelTest {

    private static final String OTHER_MODEL = "0".repeat(64);

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(root -> TestModel.packagedInto(root).addClasses(TestRows.class))
            .overrideConfigKey("quarkus.application.name", "iris")
            .overrideConfigKey("scoring.model.expected-sha256", OTHER_MODEL);

    @Test
    void readinessIsDownNamingBothChecksums() {
        given().when().get("/q/health/ready")
                .then().statusCode(503)
                .body("checks.find { it.name == 'model' }.data.reason",
                        containsString("is not the one this deployment expects, " + OTHER_MODEL));
    }

    @Test
    void scoringIsRefusedWith503() {
        given().contentType(ContentType.JSON).body(TestRows.SETOSA)
                .when().post("/predict")
                .then().statusCode(503)
                .body("error", equalTo("model_unavailable"));
    }
}
