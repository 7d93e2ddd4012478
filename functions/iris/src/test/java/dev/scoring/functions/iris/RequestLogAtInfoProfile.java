package dev.scoring.functions.iris;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The opt-in for a log line per scored request: the request log category at INFO. */
public class RequestLogAtInfoProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.log.category.\"dev.scoring.request\".level", "INFO");
    }
}
