package dev.scoring.deployment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.http.ContentType;

/**
 * The identity provider's keys are unreachable when the function starts: it starts anyway and stays alive,
 * readiness is DOWN and says why, a caller with a token gets 503 {@code authentication_unavailable} (not a 500,
 * not a 401 that would blame the token); once the keys can be fetched, readiness is UP and the same token
 * scores, without a restart.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UnreachableSigningKeysTest {

    static {
        JwksServer.available(false);
    }

    @RegisterExtension
    static final QuarkusUnitTest app = AuthenticatedApp.withKeysAt("flaky/jwks");

    @AfterAll
    static void providerBack() {
        JwksServer.available(true);
    }

    @Test
    @Order(1)
    void theFunctionStartsAliveButNotReadyAndSaysWhy() {
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'token-signing-keys' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'token-signing-keys' }.data.url", containsString("/flaky/jwks"))
                .body("checks.find { it.name == 'token-signing-keys' }.data.reason", containsString("HTTP 503"));
    }

    @Test
    @Order(2)
    void aCallerWithATokenIsToldToTryAgainLater() {
        given().header("Authorization", "Bearer " + TestTokens.valid())
                .contentType(ContentType.JSON).body(TestRows.SETOSA)
                .when().post("/predict")
                .then().statusCode(503)
                .body("error", equalTo("authentication_unavailable"))
                .body("field", equalTo("Authorization"));
    }

    @Test
    @Order(3)
    void onceTheKeysCanBeFetchedItBecomesReadyAndScores() throws InterruptedException {
        JwksServer.available(true);
        int status = 0;
        for (int i = 0; i < 50 && status != 200; i++) {
            Thread.sleep(200);
            status = given().when().get("/q/health/ready").then().extract().statusCode();
        }
        given().when().get("/q/health/ready").then().statusCode(200);
        given().header("Authorization", "Bearer " + TestTokens.valid())
                .contentType(ContentType.JSON).body(TestRows.SETOSA)
                .when().post("/predict")
                .then().statusCode(200)
                .body("label", equalTo("setosa"));
    }
}
