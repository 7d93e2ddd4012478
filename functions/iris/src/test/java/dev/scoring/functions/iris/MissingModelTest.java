package dev.scoring.functions.iris;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

@QuarkusTest
@TestProfile(MissingModelProfile.class)
class MissingModelTest {

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
                .contentType(ContentType.JSON).body(IrisRows.SETOSA)
                .when().post("/")
                .then().statusCode(503)
                .body("error", equalTo("model_unavailable"));
    }
}
