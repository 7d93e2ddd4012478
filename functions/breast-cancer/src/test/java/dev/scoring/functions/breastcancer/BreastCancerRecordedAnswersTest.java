package dev.scoring.functions.breastcancer;

import dev.scoring.testing.RecordedAnswersContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class BreastCancerRecordedAnswersTest extends RecordedAnswersContract {
}
