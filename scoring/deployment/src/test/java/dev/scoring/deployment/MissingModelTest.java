package dev.scoring.deployment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.http.ContentType;

/** A function pointed at a model directory that does not exist starts, says so, and scores nothing. */
class MissingModelTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(root -> TestModel.packagedInto(root).addClasses(TestRows.class))
            .overrideConfigKey("quarkus.application.name", "iris")
            .overrideConfigKey("scoring.model.location", "/nonexistent/models/iris");

    @Test
    void readinessIsDownNamingTheMissingFile() {
        given().when().get("/q/health/ready")
                .then().statusCode(503)
                .body("checks.find { it.name == 'model' }.data.reason", containsString("missing"));
    }

    @Test
    void eventsAreRefusedWith503() {
        given().header("ce-id", "x").header("ce-specversion", "1.0").header("ce-source", "/t")
                .header("ce-type", "dev.scoring.iris.request")
                .contentType(ContentType.JSON).body(TestRows.SETOSA)
                .when().post("/")
                .then().statusCode(503)
                .body("error", equalTo("model_unavailable"));
    }
}
