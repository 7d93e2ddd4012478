package dev.scoring.deployment;

import static io.restassured.RestAssured.given;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads one sample from the running test application's Prometheus endpoint. */
final class Metrics {

    private Metrics() {
    }

    /** The sample's value, or 0 when the application has not written it yet. */
    static double value(String sample) {
        String body = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        // A sample may be followed by an exemplar ("# {trace_id=...} ..."), with tracing on.
        Matcher m = Pattern.compile("^" + Pattern.quote(sample) + " (\\S+)(?: .*)?$", Pattern.MULTILINE).matcher(body);
        return m.find() ? Double.parseDouble(m.group(1)) : 0.0;
    }
}
