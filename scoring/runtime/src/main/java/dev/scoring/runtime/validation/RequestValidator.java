package dev.scoring.runtime.validation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.scoring.runtime.Refusal;
import dev.scoring.runtime.ScoringException;
import dev.scoring.runtime.model.ModelDescriptor;

/**
 * Checks a request body against the model's descriptor before anything reaches the model.
 * <p>
 * Refused (HTTP 4xx, nothing scored): a body that is neither an object nor an array of objects, an
 * empty or too large batch, an unknown or missing feature, a value that is not a JSON number, and
 * NaN or an infinite value. Accepted with a warning: a value outside the range seen in training,
 * because the model still answers but the answer is an extrapolation the caller should know about.
 */
public class RequestValidator {

    private final List<ModelDescriptor.Feature> features;
    private final Map<String, Integer> indexByName;
    private final int maxBatchSize;

    public RequestValidator(List<ModelDescriptor.Feature> features, int maxBatchSize) {
        this.features = List.copyOf(features);
        this.indexByName = new HashMap<>();
        for (int i = 0; i < features.size(); i++) {
            indexByName.put(features.get(i).name(), i);
        }
        this.maxBatchSize = maxBatchSize;
    }

    public ValidatedRequest validate(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw new ScoringException(Refusal.INVALID_REQUEST, null,
                    "the body is empty: send a JSON object of feature name to number, or an array of them");
        }
        if (body.isObject()) {
            return new ValidatedRequest(false, List.of(validateRow(body, "")));
        }
        if (body.isArray()) {
            if (body.isEmpty()) {
                throw new ScoringException(Refusal.EMPTY_BATCH, null, "the batch is an empty array");
            }
            if (body.size() > maxBatchSize) {
                throw new ScoringException(Refusal.BATCH_TOO_LARGE, null,
                        "the batch has " + body.size() + " rows; at most " + maxBatchSize + " are accepted");
            }
            List<ValidatedRow> rows = new ArrayList<>(body.size());
            for (int i = 0; i < body.size(); i++) {
                JsonNode row = body.get(i);
                String prefix = "[" + i + "]";
                if (!row.isObject()) {
                    throw new ScoringException(Refusal.INVALID_REQUEST, prefix,
                            "batch element " + i + " is " + kind(row) + ", not an object of feature name to number");
                }
                rows.add(validateRow(row, prefix + "."));
            }
            return new ValidatedRequest(true, rows);
        }
        throw new ScoringException(Refusal.INVALID_REQUEST, null,
                "the body is " + kind(body) + ": send a JSON object of feature name to number, or an array of them");
    }

    private ValidatedRow validateRow(JsonNode row, String prefix) {
        double[] values = new double[features.size()];
        boolean[] present = new boolean[features.size()];
        List<Warning> warnings = List.of();
        for (Iterator<Map.Entry<String, JsonNode>> it = row.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            Integer index = indexByName.get(entry.getKey());
            if (index == null) {
                throw new ScoringException(Refusal.UNKNOWN_FEATURE, prefix + entry.getKey(),
                        "'" + entry.getKey() + "' is not a feature of this model; expected " + featureNames());
            }
            ModelDescriptor.Feature feature = features.get(index);
            double value = numericValue(entry.getValue(), prefix + feature.name());
            values[index] = value;
            present[index] = true;
            if (value < feature.min() || value > feature.max()) {
                if (warnings.isEmpty()) {
                    warnings = new ArrayList<>(2);
                }
                warnings.add(new Warning(prefix + feature.name(), Warning.OUT_OF_RANGE,
                        value + " is outside the training range [" + feature.min() + ", " + feature.max()
                                + "]; the prediction is an extrapolation"));
            }
        }
        for (int i = 0; i < present.length; i++) {
            if (!present[i]) {
                throw new ScoringException(Refusal.MISSING_FEATURE, prefix + features.get(i).name(),
                        "feature '" + features.get(i).name() + "' is required; expected " + featureNames());
            }
        }
        return new ValidatedRow(values, warnings);
    }

    private static double numericValue(JsonNode node, String field) {
        if (!node.isNumber()) {
            throw new ScoringException(Refusal.NOT_A_NUMBER, field,
                    "the value is " + kind(node) + "; a JSON number is required");
        }
        double value = node.doubleValue();
        if (!Double.isFinite(value)) {
            throw new ScoringException(Refusal.NOT_FINITE, field,
                    "the value is " + value + "; only finite numbers can be scored");
        }
        return value;
    }

    private List<String> featureNames() {
        return features.stream().map(ModelDescriptor.Feature::name).toList();
    }

    private static String kind(JsonNode node) {
        if (node.isTextual()) {
            return "the string \"" + abbreviate(node.textValue()) + "\"";
        }
        return switch (node.getNodeType()) {
            case NULL -> "null";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NUMBER -> "a number";
            default -> "a " + node.getNodeType().name().toLowerCase();
        };
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
