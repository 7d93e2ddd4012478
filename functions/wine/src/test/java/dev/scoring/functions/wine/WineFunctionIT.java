package dev.scoring.functions.wine;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link WineFunctionTest} against the packaged function: with {@code -Dnative}, the native executable. */
@QuarkusIntegrationTest
class WineFunctionIT extends WineFunctionTest {
}
