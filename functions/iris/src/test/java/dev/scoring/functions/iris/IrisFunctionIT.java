package dev.scoring.functions.iris;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link IrisFunctionTest} against the packaged function: with {@code -Dnative}, the native executable. */
@QuarkusIntegrationTest
class IrisFunctionIT extends IrisFunctionTest {
}
