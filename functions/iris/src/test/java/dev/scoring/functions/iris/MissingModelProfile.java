package dev.scoring.functions.iris;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Points the function at a model directory that does not exist. */
public class MissingModelProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("scoring.model.location", "/nonexistent/models/iris");
    }
}
