package dev.scoring.trainer;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a training run wrote and measured.
 *
 * @param modelFile the Tribuo protobuf model
 * @param descriptorFile the descriptor next to it
 * @param holdoutFile the held-out rows, with their true label or value
 * @param metrics held-out metrics of the model and of its trivial baseline ({@code baseline*})
 * @param modelSha256 hex SHA-256 of the model file
 * @param modelBytes size of the model file
 * @param trainingMillis wall-clock time of training alone (not loading, evaluating or writing)
 */
public record TrainingResult(Path modelFile, Path descriptorFile, Path holdoutFile, Map<String, Double> metrics,
        String modelSha256, long modelBytes, long trainingMillis) {
}
