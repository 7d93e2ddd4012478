package dev.scoring.functions.wine;

import dev.scoring.testing.FunctionContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class WineFunctionTest extends FunctionContract {
}
