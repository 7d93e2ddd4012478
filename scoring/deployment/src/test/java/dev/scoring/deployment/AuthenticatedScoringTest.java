package dev.scoring.deployment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * With {@code scoring.auth.enabled=true} every scoring path needs a bearer JWT whose signature (keys from a JWKS
 * served over real HTTP by {@link JwksServer}), issuer, audience and expiry check out. Each of the six token
 * faults, and a header that holds no bearer token, is refused on each of the five scoring paths with 401 and the project's JSON error, counted in
 * {@code scoring_errors_total} and never logged; a valid token succeeds on each path; health stays open; metrics
 * need a token; {@code /explain} needs the configured role.
 */
class AuthenticatedScoringTest {

    /** The first characters of every test token (its header, base64url); no log record may contain one. */
    private static final String TOKEN_PREFIX = "eyJhbGciOiJSUzI1NiIs";

    @RegisterExtension
    static final QuarkusUnitTest app = AuthenticatedApp.withKeysAt("jwks")
            .overrideConfigKey("scoring.auth.explain-role", "explainer")
            .setLogRecordPredicate(record -> true)
            .assertLogRecords(AuthenticatedScoringTest::noTokenWasLogged);

    /** The scoring paths, each a request that succeeds with a valid token (with the explanation role). */
    enum ScoringPath {
        PREDICT {
            @Override
            ValidatableResponse send(RequestSpecification request) {
                return request.contentType(ContentType.JSON).body(TestRows.SETOSA).when().post("/predict").then();
            }
        },
        EXPLAIN {
            @Override
            ValidatableResponse send(RequestSpecification request) {
                return request.contentType(ContentType.JSON).body(TestRows.SETOSA).when().post("/explain").then();
            }
        },
        BINARY_CLOUDEVENT {
            @Override
            ValidatableResponse send(RequestSpecification request) {
                return request.header("ce-specversion", "1.0").header("ce-id", "auth-binary")
                        .header("ce-source", "/test").header("ce-type", "dev.scoring.iris.request")
                        .contentType(ContentType.JSON).body(TestRows.SETOSA).when().post("/").then();
            }
        },
        STRUCTURED_CLOUDEVENT {
            @Override
            ValidatableResponse send(RequestSpecification request) {
                return request.contentType("application/cloudevents+json")
                        .body("{\"specversion\":\"1.0\",\"id\":\"auth-structured\",\"source\":\"/test\","
                                + "\"type\":\"dev.scoring.iris.request\",\"datacontenttype\":\"application/json\","
                                + "\"data\":" + TestRows.SETOSA + "}")
                        .when().post("/").then();
            }
        },
        V2_INFER {
            @Override
            ValidatableResponse send(RequestSpecification request) {
                return request.contentType(ContentType.JSON)
                        .body("{\"inputs\":[{\"name\":\"input-0\",\"shape\":[1,4],\"datatype\":\"FP64\","
                                + "\"data\":[5.1,3.5,1.4,0.2]}]}")
                        .when().post("/v2/models/iris/infer").then();
            }
        };

        abstract ValidatableResponse send(RequestSpecification request);
    }

    /**
     * The ways a caller's credential can be wrong, each as the whole {@code Authorization} header
     * ({@code null}: no header at all): the six token faults, plus a header that holds no bearer token.
     */
    enum TokenFault {
        MISSING(() -> null),
        EMPTY_BEARER(() -> "Bearer "),
        ANOTHER_SCHEME(() -> "Basic c2NvcmVyOnNlY3JldA=="),
        MALFORMED(() -> "Bearer not-a-jwt"),
        EXPIRED(() -> "Bearer " + TestTokens.expired()),
        SIGNED_BY_ANOTHER_KEY(() -> "Bearer " + TestTokens.signedByAnotherKey()),
        FROM_ANOTHER_ISSUER(() -> "Bearer " + TestTokens.fromAnotherIssuer()),
        FOR_ANOTHER_AUDIENCE(() -> "Bearer " + TestTokens.forAnotherAudience());

        private final Supplier<String> authorization;

        TokenFault(Supplier<String> authorization) {
            this.authorization = authorization;
        }
    }

    // Arguments by name: QuarkusUnitTest runs the test method in the application's class loader, where the
    // enum constants JUnit made would be of another class.
    static Stream<Arguments> everyFaultOnEveryPath() {
        List<Arguments> cases = new ArrayList<>();
        for (TokenFault fault : TokenFault.values()) {
            for (ScoringPath path : ScoringPath.values()) {
                cases.add(Arguments.of(fault.name(), path.name()));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} token on {1}")
    @MethodSource("everyFaultOnEveryPath")
    void everyTokenFaultIsRefusedOnEveryPathWithAJsonErrorAndCounted(String faultName, String pathName) {
        TokenFault fault = TokenFault.valueOf(faultName);
        ScoringPath path = ScoringPath.valueOf(pathName);
        double refusedBefore = unauthenticatedRefusals();
        String authorization = fault.authorization.get();
        ValidatableResponse response = path.send(authorization == null ? given()
                : given().header("Authorization", authorization))
                .statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .contentType(ContentType.JSON);
        if (path == ScoringPath.V2_INFER) {
            response.body("error", startsWith("unauthenticated"));
        } else {
            response.body("error", equalTo("unauthenticated")).body("field", equalTo("Authorization"));
        }
        assertEquals(refusedBefore + 1, unauthenticatedRefusals(), "the refusal is counted");
    }

    @ParameterizedTest(name = "a valid token on {0}")
    @MethodSource("paths")
    void aValidTokenSucceedsOnEveryPath(String pathName) {
        ScoringPath.valueOf(pathName).send(as(TestTokens.valid("explainer"))).statusCode(200);
    }

    static Stream<String> paths() {
        return Stream.of(ScoringPath.values()).map(ScoringPath::name);
    }

    @Test
    void aCloudEventWithAValidTokenIsAnsweredWithTheScoredEvent() {
        ScoringPath.BINARY_CLOUDEVENT.send(as(TestTokens.valid()))
                .statusCode(200)
                .header("ce-type", "dev.scoring.iris.scored");
    }

    @Test
    void healthStaysOpenAndMetricsNeedAToken() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'token-signing-keys' }.status", equalTo("UP"));
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(401);
        as(TestTokens.valid()).when().get("/q/metrics").then().statusCode(200);
    }

    @Test
    void explanationsNeedTheConfiguredRole() {
        as(TestTokens.valid()).contentType(ContentType.JSON).body(TestRows.SETOSA)
                .when().post("/explain")
                .then().statusCode(403)
                .body("error", equalTo("forbidden"))
                .body("field", equalTo("Authorization"));
        as(TestTokens.valid("explainer")).contentType(ContentType.JSON).body(TestRows.SETOSA)
                .when().post("/explain")
                .then().statusCode(200);
    }

    @Test
    void explanationCloudEventsNeedTheConfiguredRoleToo() {
        explanationEvent(as(TestTokens.valid()), "binary").statusCode(403)
                .body("error", equalTo("forbidden")).body("field", equalTo("Authorization"));
        explanationEvent(as(TestTokens.valid()), "structured").statusCode(403)
                .body("error", equalTo("forbidden"));
        explanationEvent(as(TestTokens.valid("explainer")), "binary").statusCode(200)
                .header("ce-type", "dev.scoring.iris.explanation");
        explanationEvent(as(TestTokens.valid("explainer")), "structured").statusCode(200);
    }

    private static ValidatableResponse explanationEvent(RequestSpecification request, String mode) {
        if (mode.equals("binary")) {
            return request.header("ce-specversion", "1.0").header("ce-id", "auth-explain")
                    .header("ce-source", "/test").header("ce-type", "dev.scoring.iris.explain")
                    .contentType(ContentType.JSON).body(TestRows.SETOSA).when().post("/").then();
        }
        return request.contentType("application/cloudevents+json")
                .body("{\"specversion\":\"1.0\",\"id\":\"auth-explain\",\"source\":\"/test\","
                        + "\"type\":\"dev.scoring.iris.explain\",\"datacontenttype\":\"application/json\","
                        + "\"data\":" + TestRows.SETOSA + "}")
                .when().post("/").then();
    }

    private static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    /** All {@code scoring_errors_total} samples with reason {@code unauthenticated}, whatever the channel. */
    private static double unauthenticatedRefusals() {
        String body = as(TestTokens.valid()).when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher samples = Pattern.compile("^scoring_errors_total\\{[^}]*reason=\"unauthenticated\"[^}]*} (\\S+)",
                Pattern.MULTILINE).matcher(body);
        double total = 0;
        while (samples.find()) {
            total += Double.parseDouble(samples.group(1));
        }
        return total;
    }

    private static void noTokenWasLogged(List<LogRecord> records) {
        for (LogRecord record : records) {
            String text = String.valueOf(record.getMessage()) + " " + java.util.Arrays.toString(record.getParameters())
                    + " " + (record.getThrown() == null ? "" : record.getThrown().toString());
            assertFalse(text.contains(TOKEN_PREFIX), "a log record shows a bearer token: " + text);
        }
    }
}
