package dev.scoring.functions.iris;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link IrisRecordedAnswersTest} against the packaged function: with {@code -Dnative}, the native executable. */
@QuarkusIntegrationTest
class IrisRecordedAnswersIT extends IrisRecordedAnswersTest {
}
