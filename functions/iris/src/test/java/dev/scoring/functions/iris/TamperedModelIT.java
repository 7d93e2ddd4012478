package dev.scoring.functions.iris;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link TamperedModelTest} against the packaged function: with {@code -Dnative}, the native executable. */
@QuarkusIntegrationTest
class TamperedModelIT extends TamperedModelTest {
}
