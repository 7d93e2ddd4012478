package dev.scoring.deployment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;

import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Every class of bad input gets a 4xx with a JSON body naming the error and the field, never a
 * stack trace; after each one the function still scores.
 */
class BadInputTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(root -> TestModel.packagedInto(root).addClasses(TestRows.class))
            .overrideConfigKey("quarkus.application.name", "iris");

    static Stream<Arguments> badBodies() {
        String bigBatch = "[" + String.join(",", java.util.Collections.nCopies(1001, TestRows.SETOSA)) + "]";
        return Stream.of(
                Arguments.of("unknown feature", """
                        {"sepal_length": 5.1, "sepal_width": 3.5, "petal_length": 1.4, "petal_width": 0.2, "colour": 1}""",
                        400, "unknown_feature", "colour"),
                Arguments.of("missing feature", """
                        {"sepal_length": 5.1, "sepal_width": 3.5, "petal_length": 1.4}""",
                        400, "missing_feature", "petal_width"),
                Arguments.of("string value", """
                        {"sepal_length": "5.1", "sepal_width": 3.5, "petal_length": 1.4, "petal_width": 0.2}""",
                        400, "not_a_number", "sepal_length"),
                Arguments.of("null value", """
                        {"sepal_length": 5.1, "sepal_width": null, "petal_length": 1.4, "petal_width": 0.2}""",
                        400, "not_a_number", "sepal_width"),
                Arguments.of("boolean value", """
                        {"sepal_length": 5.1, "sepal_width": 3.5, "petal_length": true, "petal_width": 0.2}""",
                        400, "not_a_number", "petal_length"),
                Arguments.of("NaN", """
                        {"sepal_length": NaN, "sepal_width": 3.5, "petal_length": 1.4, "petal_width": 0.2}""",
                        400, "not_finite", "sepal_length"),
                Arguments.of("Infinity", """
                        {"sepal_length": 5.1, "sepal_width": -Infinity, "petal_length": 1.4, "petal_width": 0.2}""",
                        400, "not_finite", "sepal_width"),
                Arguments.of("overflowing number", """
                        {"sepal_length": 5.1, "sepal_width": 3.5, "petal_length": 1e400, "petal_width": 0.2}""",
                        400, "not_finite", "petal_length"),
                Arguments.of("bad row in a batch", "[" + TestRows.SETOSA + """
                        ,{"sepal_length": 5.1, "sepal_width": 3.5, "petal_length": 1.4}]""",
                        400, "missing_feature", "[1].petal_width"),
                Arguments.of("non-object in a batch", "[" + TestRows.SETOSA + ", 3]",
                        400, "invalid_request", "[1]"),
                Arguments.of("empty batch", "[]", 400, "empty_batch", null),
                Arguments.of("batch above scoring.limits.max-batch-size", bigBatch, 413, "batch_too_large", null),
                Arguments.of("body above scoring.limits.max-body-size", " ".repeat(1_100_000) + "{}",
                        413, "body_too_large", null),
                Arguments.of("malformed JSON", "{\"sepal_length\": 5.1,", 400, "invalid_json", null),
                Arguments.of("scalar body", "42", 400, "invalid_request", null),
                Arguments.of("empty body", "", 400, "invalid_json", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void badBodyIsRefusedWithAJsonError(String name, String body, int status, String error, String field) {
        ValidatableResponse response = given().contentType(ContentType.JSON).body(body)
                .when().post("/predict")
                .then().statusCode(status)
                .contentType(ContentType.JSON)
                .body("error", equalTo(error))
                .body("detail", not(containsString("Exception")))
                .body("detail", not(containsString("\tat ")));
        if (field == null) {
            response.body("field", nullValue());
        } else {
            response.body("field", equalTo(field));
        }
    }

    @Test
    void aBodyThatIsNotJsonByContentTypeIsRefusedWith415() {
        given().contentType(ContentType.TEXT).body(TestRows.SETOSA)
                .when().post("/predict")
                .then().statusCode(415)
                .body("error", equalTo("unsupported_media_type"))
                .body("field", equalTo("Content-Type"));
    }

    @Test
    void getOnTheScoringPathIsRefusedWith405() {
        given().when().get("/predict")
                .then().statusCode(405)
                .contentType(ContentType.JSON)
                .body("error", equalTo("method_not_allowed"));
    }

    @Test
    void anUnknownPathIsAJson404() {
        given().contentType(ContentType.JSON).body(TestRows.SETOSA)
                .when().post("/no-such-function")
                .then().statusCode(404)
                .contentType(ContentType.JSON)
                .body("error", equalTo("not_found"));
    }

    @AfterEach
    void theFunctionStillScores() {
        given().contentType(ContentType.JSON).body(TestRows.SETOSA)
                .when().post("/predict")
                .then().statusCode(200)
                .body("label", equalTo("setosa"));
    }
}
