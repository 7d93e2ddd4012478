package dev.scoring.functions.iris;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The Grafana dashboard and the Prometheus rules in knative/observability/ use only metrics a running
 * function really exports.
 */
@QuarkusTest
class ObservabilityAssetsTest {

    private static final Path DIR = Path.of(System.getProperty("test.observability.dir", "../../knative/observability"));
    private static final Pattern METRIC = Pattern.compile("\\b((?:scoring|process|jvm|http_server)_[a-z0-9_]+)\\b");

    @Test
    void everyMetricTheDashboardAndTheAlertsUseIsExported() throws Exception {
        Set<String> used = new TreeSet<>();
        JsonNode dashboard = new ObjectMapper().readTree(DIR.resolve("grafana-dashboard.json").toFile());
        for (JsonNode panel : dashboard.path("panels")) {
            assertFalse(panel.path("targets").isEmpty(), panel.path("title").asText());
            panel.path("targets").forEach(t -> used.addAll(metricsIn(t.path("expr").asText())));
        }
        JsonNode rules = new ObjectMapper(new YAMLFactory()).readTree(DIR.resolve("prometheus-rules.yaml").toFile());
        int alerts = 0;
        for (JsonNode group : rules.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                assertTrue(rule.path("alert").isTextual() && rule.path("expr").isTextual(), rule.toString());
                used.addAll(metricsIn(rule.path("expr").asText()));
                alerts++;
            }
        }
        assertTrue(alerts >= 5, "alert rules: " + alerts);

        // Make the function export everything it can: a scored request, a refusal.
        given().contentType(ContentType.JSON).body(IrisRows.SETOSA).when().post("/predict").then().statusCode(200);
        given().contentType(ContentType.JSON).body("{}").when().post("/predict").then().statusCode(400);
        Set<String> exported = exported(given().when().get("/q/metrics").then().statusCode(200).extract().asString());

        Set<String> missing = new TreeSet<>(used);
        missing.removeAll(exported);
        assertTrue(missing.isEmpty(), "used but not exported: " + missing + "; exported: " + exported);
        assertTrue(used.size() >= 10, "metrics used: " + used);
    }

    private static Set<String> metricsIn(String expr) {
        Set<String> names = new TreeSet<>();
        Matcher m = METRIC.matcher(expr);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static Set<String> exported(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }
}
