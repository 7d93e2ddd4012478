package dev.scoring.functions.wine;

import dev.scoring.testing.RecordedAnswersContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class WineRecordedAnswersTest extends RecordedAnswersContract {
}
