package dev.scoring.functions.breastcancer;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link BreastCancerRecordedAnswersTest} against the packaged function: with {@code -Dnative}, the native executable. */
@QuarkusIntegrationTest
class BreastCancerRecordedAnswersIT extends BreastCancerRecordedAnswersTest {
}
