package dev.scoring.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.scoring.trainer.Metrics;
import io.restassured.http.ContentType;

/**
 * What every scoring function must do, whatever its model. A function's test extends this and adds
 * {@code @QuarkusTest}; everything it needs comes from the packaged model's descriptor and
 * held-out rows.
 */
public abstract class FunctionContract {

    private static final ObjectMapper JSON = new ObjectMapper();

    protected final PackagedModel model = PackagedModel.fromClassPath();

    @Test
    public void heldOutRowsScoredOverHttpReproduceThePipelinesMetrics() throws Exception {
        String body = given().contentType(ContentType.JSON).body(model.holdoutRows())
                .when().post("/predict")
                .then().statusCode(200)
                .extract().asString();
        JsonNode answers = JSON.readTree(body);
        assertEquals(model.holdoutTruth().size(), answers.size());
        Map<String, Double> reproduced = model.isRegression() ? regressionMetrics(answers)
                : classificationMetrics(answers);
        for (Map.Entry<String, Double> metric : reproduced.entrySet()) {
            assertEquals(model.metric(metric.getKey()), metric.getValue(),
                    "held-out " + metric.getKey() + " through the function");
        }
        assertTrue(reproduced.size() >= 2, "metrics compared: " + reproduced.keySet());
    }

    @Test
    public void aTypicalRowIsAnsweredInTheShapeOfTheTask() {
        var response = given().contentType(ContentType.JSON).body(model.meanRow())
                .when().post("/predict")
                .then().statusCode(200)
                .body("model", equalTo(model.name()))
                .body("version", equalTo(model.version()))
                .body("warnings.size()", equalTo(0));
        if (model.isRegression()) {
            response.body("value", notNullValue()).body("label", nullValue()).body("probabilities", nullValue());
        } else {
            response.body("label", notNullValue()).body("value", nullValue())
                    .body("probabilities.size()", equalTo(model.labels().size()));
        }
    }

    @Test
    public void aMissingFeatureIsRefusedNamingIt() {
        Map<String, Double> row = new LinkedHashMap<>(model.meanRow());
        String dropped = model.featureNames().get(model.featureNames().size() - 1);
        row.remove(dropped);
        given().contentType(ContentType.JSON).body(row)
                .when().post("/predict")
                .then().statusCode(400)
                .body("error", equalTo("missing_feature"))
                .body("field", equalTo(dropped));
    }

    @Test
    public void aRequestEventIsAnsweredWithTheScoredEvent() {
        given().header("ce-id", "contract-1").header("ce-specversion", "1.0").header("ce-source", "/contract")
                .header("ce-type", "dev.scoring." + model.name() + ".request")
                .contentType(ContentType.JSON).body(model.meanRow())
                .when().post("/")
                .then().statusCode(200)
                .header("ce-type", "dev.scoring." + model.name() + ".scored")
                .header("ce-source", "/functions/" + model.name())
                .header("ce-correlationid", "contract-1")
                .body("model", equalTo(model.name()));
    }

    /** The Open Inference Protocol answers what the JSON API answers, for the same rows. */
    @Test
    public void openInferenceProtocolInferAgreesWithPredict() throws Exception {
        List<String> features = model.featureNames();
        List<Double> flat = new ArrayList<>();
        model.holdoutRows().forEach(row -> features.forEach(f -> flat.add(row.get(f))));
        Map<String, Object> tensor = new LinkedHashMap<>();
        tensor.put("name", "input-0");
        tensor.put("datatype", "FP64");
        tensor.put("shape", List.of(model.holdoutRows().size(), features.size()));
        tensor.put("data", flat);
        JsonNode v2 = JSON.readTree(given().contentType(ContentType.JSON).body(Map.of("inputs", List.of(tensor)))
                .when().post("/v2/models/" + model.name() + "/infer")
                .then().statusCode(200).extract().asString());
        JsonNode predict = JSON.readTree(given().contentType(ContentType.JSON).body(model.holdoutRows())
                .when().post("/predict")
                .then().statusCode(200).extract().asString());
        String output = model.isRegression() ? "value" : "label";
        JsonNode data = v2.path("outputs").get(0).path("data");
        assertEquals(output, v2.path("outputs").get(0).path("name").asText());
        for (int i = 0; i < predict.size(); i++) {
            assertEquals(predict.get(i).path(output), data.get(i), "row " + i);
        }
    }

    /**
     * An explanation is exact for a linear model (the contributions add up to the output) and a
     * labelled approximation (LIME) for other classifiers.
     */
    @Test
    public void aPredictionIsExplained() throws Exception {
        JsonNode answer = JSON.readTree(given().contentType(ContentType.JSON).body(model.meanRow())
                .when().post("/explain")
                .then().statusCode(200).extract().asString());
        JsonNode explanation = answer.path("explanation");
        String method = explanation.path("method").asText();
        if ("linear-exact".equals(method)) {
            assertEquals(false, explanation.path("approximate").asBoolean(true));
            double output = explanation.path("intercept").doubleValue();
            for (JsonNode c : explanation.path("contributions")) {
                output += c.doubleValue();
            }
            assertEquals(model.featureNames().size(), explanation.path("contributions").size());
            if (model.isRegression()) {
                assertEquals(answer.path("value").doubleValue(), output, 1e-9, "intercept + contributions = value");
            } else {
                String label = answer.path("label").asText();
                assertEquals(label, explanation.path("explains").asText());
                assertEquals(explanation.path("logits").path(label).doubleValue(), output, 1e-9);
                // The probabilities are the softmax of the logits.
                double max = Double.NEGATIVE_INFINITY;
                for (JsonNode logit : explanation.path("logits")) {
                    max = Math.max(max, logit.doubleValue());
                }
                double sum = 0;
                for (JsonNode logit : explanation.path("logits")) {
                    sum += Math.exp(logit.doubleValue() - max);
                }
                for (String l : model.labels()) {
                    double softmax = Math.exp(explanation.path("logits").path(l).doubleValue() - max) / sum;
                    assertEquals(answer.path("probabilities").path(l).doubleValue(), softmax, 1e-9, l);
                }
            }
        } else {
            assertEquals("lime", method);
            assertTrue(explanation.path("approximate").asBoolean());
            assertTrue(explanation.path("samples").asInt() > 0);
            assertTrue(explanation.path("surrogateRmse").isNumber());
            explanation.path("weights").fieldNames().forEachRemaining(
                    f -> assertTrue(model.featureNames().contains(f), f));
        }
    }

    @Test
    public void explainingABatchIsRefused() {
        given().contentType(ContentType.JSON).body(List.of(model.meanRow(), model.meanRow()))
                .when().post("/explain")
                .then().statusCode(400)
                .body("error", equalTo("invalid_request"));
    }

    @Test
    public void readinessIsUpWithThisModel() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("checks.find { it.name == 'model' }.data.name", equalTo(model.name()))
                .body("checks.find { it.name == 'model' }.data.version", equalTo(model.version()));
    }

    /** The request counter the dashboards and alerts are built on is exported, labelled with this model. */
    @Test
    public void aScoredRequestIsCountedInTheExportedMetrics() {
        String requests = "scoring_requests_total{channel=\"http\",model=\"" + model.name()
                + "\",outcome=\"success\",version=\"" + model.version() + "\"}";
        double before = exportedValue(requests);
        given().contentType(ContentType.JSON).body(model.meanRow())
                .when().post("/predict")
                .then().statusCode(200);
        assertEquals(before + 1, exportedValue(requests), requests);
    }

    /**
     * The packaged model is loaded during static initialization, so that a native image carries it
     * in its heap, verified at build time.
     */
    @Test
    public void thePackagedModelIsEmbedded() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("checks.find { it.name == 'model' }.data.origin", equalTo("embedded"));
    }

    /** One sample of the Prometheus endpoint, 0 while the function has not written it. */
    private static double exportedValue(String sample) {
        String body = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        // A sample may be followed by an exemplar ("# {trace_id=...} ..."), with tracing on.
        Matcher m = Pattern.compile("^" + Pattern.quote(sample) + " (\\S+)(?: .*)?$", Pattern.MULTILINE).matcher(body);
        return m.find() ? Double.parseDouble(m.group(1)) : 0.0;
    }

    private Map<String, Double> classificationMetrics(JsonNode answers) {
        List<String> predicted = new ArrayList<>();
        List<Map<String, Double>> probabilities = new ArrayList<>();
        for (JsonNode answer : answers) {
            predicted.add(answer.path("label").asText());
            Map<String, Double> p = new LinkedHashMap<>();
            answer.path("probabilities").fields().forEachRemaining(e -> p.put(e.getKey(), e.getValue().doubleValue()));
            probabilities.add(p);
        }
        boolean probabilistic = answers.get(0).has("probabilities");
        return Metrics.classification(model.holdoutTruth(), predicted, probabilistic ? probabilities : null,
                model.labels());
    }

    private Map<String, Double> regressionMetrics(JsonNode answers) {
        double[] truth = model.holdoutTruth().stream().mapToDouble(Double::parseDouble).toArray();
        double[] predicted = new double[answers.size()];
        for (int i = 0; i < predicted.length; i++) {
            predicted[i] = answers.get(i).path("value").doubleValue();
        }
        return Metrics.regression(truth, predicted);
    }
}
