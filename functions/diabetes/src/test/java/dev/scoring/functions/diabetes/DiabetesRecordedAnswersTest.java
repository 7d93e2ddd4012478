package dev.scoring.functions.diabetes;

import dev.scoring.testing.RecordedAnswersContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class DiabetesRecordedAnswersTest extends RecordedAnswersContract {
}
