package dev.scoring.functions.breastcancer;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link BreastCancerFunctionTest} against the packaged function: with {@code -Dnative}, the native executable. */
@QuarkusIntegrationTest
class BreastCancerFunctionIT extends BreastCancerFunctionTest {
}
