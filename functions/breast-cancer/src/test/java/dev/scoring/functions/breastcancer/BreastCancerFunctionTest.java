package dev.scoring.functions.breastcancer;

import dev.scoring.testing.FunctionContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class BreastCancerFunctionTest extends FunctionContract {
}
