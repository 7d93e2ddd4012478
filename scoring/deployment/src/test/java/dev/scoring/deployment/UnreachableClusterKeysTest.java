package dev.scoring.deployment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.http.ContentType;

/**
 * The cluster's service-account keys cannot be fetched (here: the API server refuses the pod's token, as it
 * would a stale or foreign one): the function starts and stays alive, readiness is DOWN naming the key
 * endpoint and the reason, a Knative delivery is answered 503 {@code authentication_unavailable} (Knative
 * retries it) rather than 401 or 500, and users' tokens, verified with the other keys, still score.
 */
class UnreachableClusterKeysTest {

    @RegisterExtension
    static final QuarkusUnitTest app = AuthenticatedApp.withKeysAt("jwks")
            .overrideConfigKey("scoring.auth.eventing.enabled", "true")
            .overrideConfigKey("scoring.auth.eventing.audience", EventDeliveryAuthenticationTest.AUDIENCE)
            .overrideConfigKey("scoring.auth.eventing.jwks-url", JwksServer.url() + JwksServer.CLUSTER_JWKS)
            .overrideConfigKey("scoring.auth.eventing.service-account-token",
                    JwksServer.podTokenFile("a-token-the-api-server-does-not-accept"));

    @Test
    void readinessIsDownAndSaysWhyWhileTheFunctionStaysAlive() {
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'eventing-signing-keys' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'eventing-signing-keys' }.data.url",
                        containsString(JwksServer.CLUSTER_JWKS))
                .body("checks.find { it.name == 'eventing-signing-keys' }.data.reason", containsString("HTTP 401"))
                .body("checks.find { it.name == 'token-signing-keys' }.status", equalTo("UP"));
    }

    @Test
    void aDeliveryIsToldToComeBackLaterAndUsersStillScore() {
        given().header("Authorization", "Bearer " + TestTokens.delivery(EventDeliveryAuthenticationTest.TRIGGER,
                EventDeliveryAuthenticationTest.AUDIENCE))
                .header("ce-specversion", "1.0").header("ce-id", "delivery-1").header("ce-source", "/test")
                .header("ce-type", "dev.scoring.iris.request")
                .contentType(ContentType.JSON).body(TestRows.SETOSA)
                .when().post("/")
                .then().statusCode(503)
                .body("error", equalTo("authentication_unavailable"));
        given().header("Authorization", "Bearer " + TestTokens.valid())
                .contentType(ContentType.JSON).body(TestRows.SETOSA)
                .when().post("/predict")
                .then().statusCode(200)
                .body("label", equalTo("setosa"));
    }
}
