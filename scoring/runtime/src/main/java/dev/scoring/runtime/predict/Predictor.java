package dev.scoring.runtime.predict;

import java.util.List;

import dev.scoring.runtime.ScoreResult;
import dev.scoring.runtime.validation.ValidatedRow;

/**
 * Runs validated rows through a Tribuo model and shapes the answers for its task. A batch goes to
 * the model in one call, which lets Tribuo reuse its working buffers across rows.
 */
public interface Predictor {

    List<ScoreResult> predict(List<ValidatedRow> rows);
}
