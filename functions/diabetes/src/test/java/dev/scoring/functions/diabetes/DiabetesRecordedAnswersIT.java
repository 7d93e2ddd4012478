package dev.scoring.functions.diabetes;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link DiabetesRecordedAnswersTest} against the packaged function: with {@code -Dnative}, the native executable. */
@QuarkusIntegrationTest
class DiabetesRecordedAnswersIT extends DiabetesRecordedAnswersTest {
}
