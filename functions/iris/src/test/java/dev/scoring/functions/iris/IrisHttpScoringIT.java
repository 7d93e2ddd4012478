package dev.scoring.functions.iris;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link IrisHttpScoringTest} against the packaged function: with {@code -Dnative}, the native executable. */
@QuarkusIntegrationTest
class IrisHttpScoringIT extends IrisHttpScoringTest {
}
