package dev.scoring.functions.iris;

import dev.scoring.testing.RecordedAnswersContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class IrisRecordedAnswersTest extends RecordedAnswersContract {
}
