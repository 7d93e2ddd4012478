package dev.scoring.functions.iris;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** A model file whose checksum does not match its descriptor is never served. */
@QuarkusTest
@TestProfile(TamperedModelProfile.class)
class TamperedModelTest {

    @Test
    void readinessIsDownAndSaysWhy() {
        given().when().get("/q/health/ready")
                .then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'model' }.data.reason", containsString("checksum mismatch"));
    }

    @Test
    void theProcessStaysAliveAndStarted() {
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/health/started").then().statusCode(200);
    }

    @Test
    void scoringIsRefusedWith503AndTheReason() {
        given().contentType(ContentType.JSON).body(IrisRows.SETOSA)
                .when().post("/predict")
                .then().statusCode(503)
                .contentType(ContentType.JSON)
                .body("error", equalTo("model_unavailable"))
                .body("detail", containsString("checksum mismatch"));
    }
}
