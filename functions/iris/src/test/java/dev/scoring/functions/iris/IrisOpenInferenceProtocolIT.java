package dev.scoring.functions.iris;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link IrisOpenInferenceProtocolTest} against the packaged function: with {@code -Dnative}, the native executable. */
@QuarkusIntegrationTest
class IrisOpenInferenceProtocolIT extends IrisOpenInferenceProtocolTest {
}
