package dev.scoring.deployment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * With {@code scoring.auth.enabled=true} every scoring path needs a bearer JWT whose issuer, audience and
 * signature check out; a refused caller gets 401 with a JSON body naming the Authorization header; health
 * stays open; metrics need a token; {@code /explain} needs the configured role.
 */
class AuthenticatedScoringTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(root -> TestModel.packagedInto(root).addClasses(TestRows.class, TestTokens.class))
            .overrideConfigKey("quarkus.application.name", "iris")
            .overrideConfigKey("scoring.auth.enabled", "true")
            .overrideConfigKey("scoring.auth.explain-role", "explainer")
            .overrideConfigKey("quarkus.oidc.public-key", TestTokens.publicKey())
            .overrideConfigKey("quarkus.oidc.token.issuer", TestTokens.ISSUER)
            .overrideConfigKey("quarkus.oidc.token.audience", TestTokens.AUDIENCE);

    private static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    @Test
    void aRequestWithoutATokenIsRefusedWithAJsonBodyNamingTheHeader() {
        given().contentType(ContentType.JSON).body(TestRows.SETOSA)
                .when().post("/predict")
                .then().statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .body("error", equalTo("unauthenticated"))
                .body("field", equalTo("Authorization"));
    }

    @Test
    void aValidTokenScores() {
        as(TestTokens.valid()).contentType(ContentType.JSON).body(TestRows.SETOSA)
                .when().post("/predict")
                .then().statusCode(200)
                .body("label", equalTo("setosa"));
    }

    @Test
    void tokensThatDoNotCheckOutAreRefused() {
        for (String token : new String[] { TestTokens.signedByAnotherKey(), TestTokens.forAnotherAudience(),
                TestTokens.fromAnotherIssuer(), TestTokens.expired(), "not-a-jwt" }) {
            as(token).contentType(ContentType.JSON).body(TestRows.SETOSA)
                    .when().post("/predict")
                    .then().statusCode(401)
                    .body("error", equalTo("unauthenticated"));
        }
    }

    @Test
    void cloudEventsAndTheV2ProtocolNeedATokenToo() {
        given().header("ce-specversion", "1.0").header("ce-id", "auth-1").header("ce-source", "/test")
                .header("ce-type", "dev.scoring.iris.request")
                .contentType(ContentType.JSON).body(TestRows.SETOSA)
                .when().post("/")
                .then().statusCode(401);
        given().contentType(ContentType.JSON)
                .body("{\"inputs\":[{\"name\":\"input-0\",\"shape\":[1,4],\"datatype\":\"FP64\",\"data\":[5.1,3.5,1.4,0.2]}]}")
                .when().post("/v2/models/iris/infer")
                .then().statusCode(401);
        as(TestTokens.valid()).header("ce-specversion", "1.0").header("ce-id", "auth-2").header("ce-source", "/test")
                .header("ce-type", "dev.scoring.iris.request")
                .contentType(ContentType.JSON).body(TestRows.SETOSA)
                .when().post("/")
                .then().statusCode(200)
                .header("ce-type", "dev.scoring.iris.scored");
    }

    @Test
    void healthStaysOpenAndMetricsNeedAToken() {
        given().when().get("/q/health/ready").then().statusCode(200);
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(401);
        as(TestTokens.valid()).when().get("/q/metrics").then().statusCode(200);
    }

    @Test
    void explanationsNeedTheConfiguredRole() {
        as(TestTokens.valid()).contentType(ContentType.JSON).body(TestRows.SETOSA)
                .when().post("/explain")
                .then().statusCode(403)
                .body("error", equalTo("forbidden"));
        as(TestTokens.valid("explainer")).contentType(ContentType.JSON).body(TestRows.SETOSA)
                .when().post("/explain")
                .then().statusCode(200);
    }
}
