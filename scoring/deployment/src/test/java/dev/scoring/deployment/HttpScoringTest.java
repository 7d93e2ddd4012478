package dev.scoring.deployment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.http.ContentType;

/** Scoring over HTTP: a row or a batch answered with labels, probabilities, the model and its warnings. */
class HttpScoringTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(root -> TestModel.packagedInto(root).addClasses(TestRows.class))
            .overrideConfigKey("quarkus.application.name", "iris");

    @Test
    void aRowIsAnsweredWithLabelProbabilitiesModelVersionAndWarnings() {
        given().contentType(ContentType.JSON).body(TestRows.SETOSA)
                .when().post("/predict")
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("label", equalTo("setosa"))
                .body("probabilities.keySet()", contains("setosa", "versicolor", "virginica"))
                .body("probabilities.setosa", is(org.hamcrest.Matchers.greaterThan(0.9f)))
                .body("model", equalTo("iris"))
                .body("version", equalTo("1.0.0"))
                .body("warnings", empty());
    }

    @Test
    void probabilitiesSumToOne() {
        float sum = given().contentType(ContentType.JSON).body(TestRows.VERSICOLOR)
                .when().post("/predict")
                .then().statusCode(200)
                .extract().jsonPath().getMap("probabilities", String.class, Float.class)
                .values().stream().reduce(0f, Float::sum);
        org.hamcrest.MatcherAssert.assertThat((double) sum, closeTo(1.0, 1e-5));
    }

    @Test
    void aBatchIsAnsweredWithAnArrayInRequestOrder() {
        given().contentType(ContentType.JSON)
                .body("[" + TestRows.SETOSA + "," + TestRows.VIRGINICA + "," + TestRows.VERSICOLOR + "]")
                .when().post("/predict")
                .then().statusCode(200)
                .body("$", hasSize(3))
                .body("label", contains("setosa", "virginica", "versicolor"))
                .body("model", contains("iris", "iris", "iris"));
    }

    @Test
    void aValueOutsideTheTrainingRangeIsScoredAndFlagged() {
        given().contentType(ContentType.JSON)
                .body("""
                        {"sepal_length": 5.1, "sepal_width": 3.5, "petal_length": 1.4, "petal_width": 9.5}""")
                .when().post("/predict")
                .then().statusCode(200)
                .body("label", org.hamcrest.Matchers.notNullValue())
                .body("warnings", hasSize(1))
                .body("warnings[0].field", equalTo("petal_width"))
                .body("warnings[0].warning", equalTo("out_of_range"))
                .body("warnings[0].detail", org.hamcrest.Matchers.containsString("[0.1, 2.5]"));
    }

    @Test
    void outOfRangeWarningsInABatchNameTheRow() {
        given().contentType(ContentType.JSON)
                .body("[" + TestRows.SETOSA + """
                        ,{"sepal_length": 0.5, "sepal_width": 3.5, "petal_length": 1.4, "petal_width": 0.2}]""")
                .when().post("/predict")
                .then().statusCode(200)
                .body("[0].warnings", empty())
                .body("[1].warnings[0].field", equalTo("[1].sepal_length"));
    }

    @Test
    void integerValuesAreNumbersToo() {
        given().contentType(ContentType.JSON)
                .body("""
                        {"sepal_length": 6, "sepal_width": 3, "petal_length": 5, "petal_width": 2}""")
                .when().post("/predict")
                .then().statusCode(200)
                .body("label", org.hamcrest.Matchers.oneOf("versicolor", "virginica"));
    }
}
