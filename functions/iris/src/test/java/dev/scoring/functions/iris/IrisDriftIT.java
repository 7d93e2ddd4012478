package dev.scoring.functions.iris;

import java.util.Map;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * {@link IrisDriftTest} against the packaged function: with {@code -Dnative}, the native executable.
 * The packaged function does not read the test configuration, so the test's drift window is passed
 * to it as a run-time setting.
 */
@QuarkusIntegrationTest
@TestProfile(IrisDriftIT.DriftWindowOf120Rows.class)
class IrisDriftIT extends IrisDriftTest {

    public static class DriftWindowOf120Rows implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("scoring.drift.window", "120");
        }
    }
}
