package dev.scoring.deployment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * The extension's HTTP binding of its Funqy functions: CloudEvents routed by Funqy's mapping keys, answered in
 * the mode they came in, and what does not belong on a path refused with a JSON body.
 */
class FunctionBindingTest {

    private static final String ROW = "{\"sepal_length\":5.1,\"sepal_width\":3.5,\"petal_length\":1.4,\"petal_width\":0.2}";
    private static final String CUSTOM_TYPE = "com.example.flowers.measured";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(TestModel::packagedInto)
            .overrideConfigKey("quarkus.application.name", "iris")
            // Funqy's own mapping key routes another type to the score function.
            .overrideConfigKey("quarkus.funqy.knative-events.mapping.score.trigger", CUSTOM_TYPE);

    @Test
    void anEventOfTheMappedTypeIsScored() {
        binaryEvent(CUSTOM_TYPE).body(ROW).post("/")
                .then().statusCode(200)
                .header("ce-type", "dev.scoring.iris.scored")
                .header("ce-correlationid", "e-1")
                .body("label", equalTo("setosa"));
    }

    @Test
    void theTypeTheMappingReplacedIsNoLongerRouted() {
        binaryEvent("dev.scoring.iris.request").body(ROW).post("/")
                .then().statusCode(400)
                .body("error", equalTo("unknown_event_type"))
                .body("field", equalTo("ce-type"));
    }

    @Test
    void aStructuredEventIsAnsweredWithAStructuredEvent() {
        given().contentType("application/cloudevents+json")
                .body("{\"specversion\":\"1.0\",\"id\":\"s-1\",\"source\":\"/test\",\"type\":\"" + CUSTOM_TYPE
                        + "\",\"data\":" + ROW + "}")
                .post("/")
                .then().statusCode(200)
                .contentType(startsWith("application/cloudevents+json"))
                .body("specversion", equalTo("1.0"))
                .body("type", equalTo("dev.scoring.iris.scored"))
                .body("source", equalTo("/functions/iris"))
                .body("correlationid", equalTo("s-1"))
                .body("id", matchesPattern("[0-9a-f-]{36}"))
                .body("datacontenttype", equalTo("application/json"))
                .body("data.label", equalTo("setosa"))
                .body("data_base64", nullValue());
    }

    @Test
    void aStructuredExplanationRequestIsAnsweredWithAnExplanationEvent() {
        given().contentType("application/cloudevents+json")
                .body("{\"specversion\":\"1.0\",\"id\":\"x-1\",\"source\":\"/test\",\"type\":\"dev.scoring.iris.explain\","
                        + "\"data\":" + ROW + "}")
                .post("/")
                .then().statusCode(200)
                .body("type", equalTo("dev.scoring.iris.explanation"))
                .body("correlationid", equalTo("x-1"))
                .body("data.explanation", notNullValue());
    }

    @Test
    void aStructuredEventWithDataTwiceIsRefused() {
        given().contentType("application/cloudevents+json")
                .body("{\"specversion\":\"1.0\",\"id\":\"s-2\",\"source\":\"/test\",\"type\":\"" + CUSTOM_TYPE
                        + "\",\"data\":" + ROW + ",\"data_base64\":\"e30=\"}")
                .post("/")
                .then().statusCode(400)
                .body("error", equalTo("invalid_cloudevent"));
    }

    @Test
    void anEventSentToAPlainJsonPathIsRefused() {
        binaryEvent(CUSTOM_TYPE).body(ROW).post("/predict")
                .then().statusCode(415)
                .body("error", equalTo("unsupported_media_type"))
                .body("detail", equalTo("/predict takes plain JSON; send CloudEvents to /"));
    }

    @Test
    void anEventMustBePosted() {
        binaryEvent(CUSTOM_TYPE).get("/")
                .then().statusCode(405)
                .body("error", equalTo("method_not_allowed"));
    }

    @Test
    void plainJsonAtTheEventPathIsRefused() {
        given().contentType("application/json").body(ROW).post("/")
                .then().statusCode(405)
                .body("error", equalTo("method_not_allowed"));
    }

    @Test
    void eventFunctionsHaveNoPathOfTheirOwn() {
        binaryEvent(CUSTOM_TYPE).body(ROW).post("/score")
                .then().statusCode(404)
                .body("error", equalTo("not_found"));
    }

    private static io.restassured.specification.RequestSpecification binaryEvent(String type) {
        return given().contentType("application/json")
                .header("ce-specversion", "1.0")
                .header("ce-id", "e-1")
                .header("ce-source", "/test")
                .header("ce-type", type);
    }
}
