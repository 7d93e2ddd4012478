package dev.scoring.functions.diabetes;

import dev.scoring.testing.FunctionContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class DiabetesFunctionTest extends FunctionContract {
}
