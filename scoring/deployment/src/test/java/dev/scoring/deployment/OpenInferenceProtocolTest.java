package dev.scoring.deployment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.instanceOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.http.ContentType;

/**
 * The Open Inference Protocol (V2, REST), with requests shaped like the protocol's own examples,
 * and an independent client (scripts/v2-client.py, Python standard library only).
 */
class OpenInferenceProtocolTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(root -> TestModel.packagedInto(root).addClasses(TestRows.class))
            .overrideConfigKey("quarkus.application.name", "iris");

    @TestHTTPResource("/")
    URL root;

    @Test
    void serverAndModelHealth() {
        given().when().get("/v2/health/live").then().statusCode(200).body("live", equalTo(true));
        given().when().get("/v2/health/ready").then().statusCode(200).body("ready", equalTo(true));
        given().when().get("/v2/models/iris/ready").then().statusCode(200).body("ready", equalTo(true));
        given().when().get("/v2/models/iris/versions/1.0.0/ready").then().statusCode(200);
        given().when().get("/v2").then().statusCode(200).body("name", equalTo("iris"));
    }

    @Test
    void modelMetadataListsInputsAndOutputsFromTheDescriptor() {
        given().when().get("/v2/models/iris")
                .then().statusCode(200)
                .body("name", equalTo("iris"))
                .body("versions", contains("1.0.0"))
                .body("platform", equalTo("tribuo"))
                .body("inputs.name", contains("sepal_length", "sepal_width", "petal_length", "petal_width"))
                .body("inputs.datatype", contains("FP64", "FP64", "FP64", "FP64"))
                .body("inputs[0].shape", contains(-1))
                .body("outputs.name", contains("label", "probabilities"))
                .body("outputs[0].datatype", equalTo("BYTES"))
                .body("outputs[1].shape", contains(-1, 3));
    }

    @Test
    void inferWithOneTensorPerFeature() {
        given().contentType(ContentType.JSON).body("""
                {"id": "42", "inputs": [
                  {"name": "sepal_length", "shape": [2], "datatype": "FP64", "data": [5.1, 7.7]},
                  {"name": "sepal_width", "shape": [2], "datatype": "FP64", "data": [3.5, 3.0]},
                  {"name": "petal_length", "shape": [2, 1], "datatype": "FP32", "data": [[1.4], [6.1]]},
                  {"name": "petal_width", "shape": [2], "datatype": "FP64", "data": [0.2, 2.3]}]}""")
                .when().post("/v2/models/iris/infer")
                .then().statusCode(200)
                .body("id", equalTo("42"))
                .body("model_name", equalTo("iris"))
                .body("model_version", equalTo("1.0.0"))
                .body("outputs[0].name", equalTo("label"))
                .body("outputs[0].shape", contains(2))
                .body("outputs[0].data", contains("setosa", "virginica"))
                .body("outputs[1].name", equalTo("probabilities"))
                .body("outputs[1].datatype", equalTo("FP64"))
                .body("outputs[1].shape", contains(2, 3))
                .body("outputs[1].data", hasSize(6));
    }

    @Test
    void inferWithOneMatrixInDescriptorOrderAndARequestedOutput() {
        given().contentType(ContentType.JSON).body("""
                {"inputs": [{"name": "input-0", "shape": [2, 4], "datatype": "FP64",
                             "data": [5.1, 3.5, 1.4, 0.2, 6.4, 3.2, 4.5, 1.5]}],
                 "outputs": [{"name": "label"}]}""")
                .when().post("/v2/models/iris/versions/1.0.0/infer")
                .then().statusCode(200)
                .body("outputs", hasSize(1))
                .body("outputs[0].data", contains("setosa", "versicolor"));
    }

    @Test
    void outOfRangeInputsAreReportedInTheResponseParameters() {
        given().contentType(ContentType.JSON).body("""
                {"inputs": [{"name": "x", "shape": [1, 4], "datatype": "FP64", "data": [5.1, 3.5, 1.4, 9.0]}]}""")
                .when().post("/v2/models/iris/infer")
                .then().statusCode(200)
                .body("parameters.out_of_range", equalTo("[0].petal_width"));
    }

    @Test
    void errorsAreAnObjectWithAnErrorString() {
        given().contentType(ContentType.JSON).body("""
                {"inputs": [{"name": "sepal_length", "shape": [1], "datatype": "FP64", "data": [5.1]}]}""")
                .when().post("/v2/models/iris/infer")
                .then().statusCode(400)
                .body("error", containsString("sepal_width"))
                .body("size()", equalTo(1));
        given().contentType(ContentType.JSON).body("""
                {"inputs": [{"name": "x", "shape": [1, 4], "datatype": "BYTES", "data": ["a", "b", "c", "d"]}]}""")
                .when().post("/v2/models/iris/infer")
                .then().statusCode(400).body("error", containsString("numeric datatype"));
        given().contentType(ContentType.JSON).body("""
                {"inputs": [{"name": "x", "shape": [2, 4], "datatype": "FP64", "data": [1, 2, 3]}]}""")
                .when().post("/v2/models/iris/infer")
                .then().statusCode(400).body("error", containsString("3 values"));
        given().contentType(ContentType.JSON).body("{\"inputs\": [")
                .when().post("/v2/models/iris/infer")
                .then().statusCode(400).body("error", instanceOf(String.class));
        given().when().get("/v2/models/wine").then().statusCode(404).body("error", containsString("wine"));
        given().when().get("/v2/models/iris/versions/9.9.9").then().statusCode(404)
                .body("error", containsString("1.0.0"));
    }

    @Test
    void anIndependentPythonClientWorksAgainstIt() throws IOException, InterruptedException {
        String rows = "[" + TestRows.SETOSA + "," + TestRows.VIRGINICA + "]";
        Path script = Path.of(System.getProperty("test.scripts.dir", "../../scripts")).resolve("v2-client.py");
        Process process = new ProcessBuilder("python3", script.toString(), root.toString(), "iris", rows)
                .redirectErrorStream(true).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the client finishes");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("\"label\": [\"setosa\", \"virginica\"]"), output);
    }
}
