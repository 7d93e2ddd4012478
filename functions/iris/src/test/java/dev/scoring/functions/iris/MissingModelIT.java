package dev.scoring.functions.iris;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link MissingModelTest} against the packaged function: with {@code -Dnative}, the native executable. */
@QuarkusIntegrationTest
class MissingModelIT extends MissingModelTest {
}
