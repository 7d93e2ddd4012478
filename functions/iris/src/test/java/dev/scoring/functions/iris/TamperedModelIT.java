package dev.scoring.functions.iris;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * The packaged function (with {@code -Dnative}, the native executable) given a model file whose checksum
 * does not match its descriptor: the SHA-256 is checked at run time, in the executable itself, and the
 * file never served. The extension's TamperedModelTest tests the same, and more, on the JVM.
 */
@QuarkusIntegrationTest
@TestProfile(TamperedModelProfile.class)
class TamperedModelIT {

    @Test
    void readinessIsDownAndSaysWhy() {
        given().when().get("/q/health/ready")
                .then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'model' }.data.reason", containsString("checksum mismatch"));
    }

    @Test
    void scoringIsRefusedWith503AndTheReason() {
        given().contentType(ContentType.JSON).body(IrisRows.SETOSA)
                .when().post("/predict")
                .then().statusCode(503)
                .body("error", equalTo("model_unavailable"))
                .body("detail", containsString("checksum mismatch"));
    }
}
