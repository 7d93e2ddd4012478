package dev.scoring.functions.wine;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link WineRecordedAnswersTest} against the packaged function: with {@code -Dnative}, the native executable. */
@QuarkusIntegrationTest
class WineRecordedAnswersIT extends WineRecordedAnswersTest {
}
