package dev.scoring.functions.iris;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link IrisBadInputTest} against the packaged function: with {@code -Dnative}, the native executable. */
@QuarkusIntegrationTest
class IrisBadInputIT extends IrisBadInputTest {
}
