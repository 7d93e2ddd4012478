package dev.scoring.deployment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Knative Eventing's OIDC delivery tokens ({@code scoring.auth.eventing.*}) beside the users' tokens: a
 * delivery from an allowed sender's service account, for the function's audience, signed by the cluster's key
 * (fetched with the pod's own service-account token from a stand-in for the API server), is scored on
 * {@code /}; the same token is refused everywhere else, another sender is refused, and a delivery token with
 * the wrong audience, an expired one or one signed by another key is not a valid credential. Users' tokens keep
 * working: the tenant is chosen by the token's issuer.
 */
class EventDeliveryAuthenticationTest {

    static final String AUDIENCE = "serving.knative.dev/service/scoring/iris";
    static final String TRIGGER = "system:serviceaccount:scoring:iris-requests-oidc-eventing.knative.dev-trigger";
    static final String EXPLAIN_TRIGGER = "system:serviceaccount:scoring:iris-explain-oidc-eventing.knative.dev-trigger";
    static final String OTHER_POD = "system:serviceaccount:scoring:some-other-pod";

    @RegisterExtension
    static final QuarkusUnitTest app = AuthenticatedApp.withKeysAt("jwks")
            .overrideConfigKey("scoring.auth.eventing.enabled", "true")
            .overrideConfigKey("scoring.auth.eventing.audience", AUDIENCE)
            .overrideConfigKey("scoring.auth.eventing.jwks-url", JwksServer.url() + JwksServer.CLUSTER_JWKS)
            .overrideConfigKey("scoring.auth.eventing.service-account-token", JwksServer.podTokenFile(JwksServer.POD_TOKEN))
            .overrideConfigKey("scoring.auth.eventing.allowed-senders", TRIGGER + "," + EXPLAIN_TRIGGER)
            .overrideConfigKey("scoring.auth.explain-role", "explainer");

    @Test
    void aDeliveryFromAnAllowedTriggerIsScored() {
        deliver(TestTokens.delivery(TRIGGER, AUDIENCE))
                .statusCode(200)
                .header("ce-type", "dev.scoring.iris.scored")
                .body("label", equalTo("setosa"));
    }

    @Test
    void aDeliveryTokenOpensNothingButTheEventPath() {
        String token = TestTokens.delivery(TRIGGER, AUDIENCE);
        given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON).body(TestRows.SETOSA)
                .when().post("/predict").then().statusCode(403).body("error", equalTo("forbidden"));
        given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON).body(TestRows.SETOSA)
                .when().post("/explain").then().statusCode(403).body("error", equalTo("forbidden"));
        given().header("Authorization", "Bearer " + token).when().get("/v2/models/iris").then().statusCode(403);
    }

    @Test
    void anExplanationDeliveryFromTheExplainTriggerIsAnsweredThoughDeliveryTokensCarryNoRole() {
        deliver(TestTokens.delivery(EXPLAIN_TRIGGER, AUDIENCE), "dev.scoring.iris.explain")
                .statusCode(200)
                .header("ce-type", "dev.scoring.iris.explanation");
    }

    @Test
    void readinessCoversTheClusterKeysFetchedWithThePodsToken() {
        // The stand-in API server serves its keys only to a caller sending the pod's token.
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'eventing-signing-keys' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'eventing-signing-keys' }.data.url", endsWith(JwksServer.CLUSTER_JWKS));
    }

    @Test
    void aSenderThatIsNotAllowedIsRefused() {
        deliver(TestTokens.delivery(OTHER_POD, AUDIENCE))
                .statusCode(403)
                .body("error", equalTo("forbidden"))
                .body("field", equalTo("Authorization"));
    }

    @Test
    void deliveryTokensThatDoNotCheckOutAreUnauthenticated() {
        for (String token : new String[] { TestTokens.delivery(TRIGGER, "serving.knative.dev/service/scoring/wine"),
                TestTokens.expiredDelivery(TRIGGER, AUDIENCE),
                TestTokens.deliverySignedByAnotherKey(TRIGGER, AUDIENCE) }) {
            deliver(token).statusCode(401).body("error", equalTo("unauthenticated"));
        }
    }

    @Test
    void usersTokensStillWorkBesideDeliveries() {
        given().header("Authorization", "Bearer " + TestTokens.valid()).contentType(ContentType.JSON)
                .body(TestRows.SETOSA)
                .when().post("/predict")
                .then().statusCode(200)
                .body("label", equalTo("setosa"));
        deliver(TestTokens.valid()).statusCode(200);
    }

    private static ValidatableResponse deliver(String token) {
        return deliver(token, "dev.scoring.iris.request");
    }

    private static ValidatableResponse deliver(String token, String type) {
        return given().header("Authorization", "Bearer " + token)
                .header("ce-specversion", "1.0").header("ce-id", "delivery-1").header("ce-source", "/apis/v1/namespaces/scoring/brokers/default")
                .header("ce-type", type)
                .contentType(ContentType.JSON).body(TestRows.SETOSA)
                .when().post("/")
                .then();
    }
}
