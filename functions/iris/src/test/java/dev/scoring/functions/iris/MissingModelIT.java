package dev.scoring.functions.iris;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * The packaged function (with {@code -Dnative}, the native executable) pointed at a model directory that
 * does not exist: the model to serve is found and verified at run time, in the executable itself. The
 * extension's MissingModelTest tests the same on the JVM.
 */
@QuarkusIntegrationTest
@TestProfile(MissingModelProfile.class)
class MissingModelIT {

    @Test
    void readinessIsDownNamingTheMissingFile() {
        given().when().get("/q/health/ready")
                .then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'model' }.data.reason", containsString("missing"));
    }

    @Test
    void eventsAreRefusedWith503() {
        given().header("ce-id", "x").header("ce-specversion", "1.0").header("ce-source", "/t")
                .header("ce-type", "dev.scoring.iris.request")
                .contentType(ContentType.JSON).body(IrisRows.SETOSA)
                .when().post("/")
                .then().statusCode(503)
                .body("error", equalTo("model_unavailable"));
    }
}
