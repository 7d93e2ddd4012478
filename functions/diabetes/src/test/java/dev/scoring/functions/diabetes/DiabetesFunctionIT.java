package dev.scoring.functions.diabetes;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link DiabetesFunctionTest} against the packaged function: with {@code -Dnative}, the native executable. */
@QuarkusIntegrationTest
class DiabetesFunctionIT extends DiabetesFunctionTest {
}
