package dev.scoring.functions.iris;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link IrisHealthAndMetricsTest} against the packaged function: with {@code -Dnative}, the native executable. */
@QuarkusIntegrationTest
class IrisHealthAndMetricsIT extends IrisHealthAndMetricsTest {
}
