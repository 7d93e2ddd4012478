package dev.scoring.functions.iris;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.scoring.testing.FunctionContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class IrisFunctionTest extends FunctionContract {

    /** The quality gate of models/iris/spec.json; the contract checks the function reproduces the figure. */
    private static final double MINIMUM_ACCURACY = 0.9;

    @Test
    void heldOutAccuracyMeetsTheGate() {
        assertTrue(model.metric("accuracy") >= MINIMUM_ACCURACY, "held-out accuracy " + model.metric("accuracy"));
    }
}
