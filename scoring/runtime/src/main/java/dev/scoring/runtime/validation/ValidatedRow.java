package dev.scoring.runtime.validation;

import java.util.List;

/**
 * One input row that passed validation.
 *
 * @param values feature values in descriptor order
 * @param warnings what to report with the prediction (e.g. values outside the training range)
 */
public record ValidatedRow(double[] values, List<Warning> warnings) {
}
