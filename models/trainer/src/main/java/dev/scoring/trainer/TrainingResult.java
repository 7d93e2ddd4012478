package dev.scoring.trainer;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a training run wrote and measured.
 *
 * @param modelFile the Tribuo protobuf model
 * @param descriptorFile the descriptor next to it
 * @param holdoutFile the held-out rows, with their true labels
 * @param metrics held-out metrics, e.g. {@code accuracy}
 * @param modelSha256 hex SHA-256 of the model file
 */
public record TrainingResult(Path modelFile, Path descriptorFile, Path holdoutFile, Map<String, Double> metrics,
        String modelSha256) {
}
