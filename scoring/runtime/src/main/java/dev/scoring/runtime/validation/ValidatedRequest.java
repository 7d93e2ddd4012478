package dev.scoring.runtime.validation;

import java.util.List;

/**
 * A validated request: one row, or a batch whose answer is an array in the same order.
 */
public record ValidatedRequest(boolean batch, List<ValidatedRow> rows) {
}
