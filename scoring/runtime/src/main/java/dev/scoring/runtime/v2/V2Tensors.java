package dev.scoring.runtime.v2;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.scoring.runtime.Refusal;
import dev.scoring.runtime.ScoringException;

/**
 * Turns the input tensors of an Open Inference Protocol (V2) request into the rows the scoring
 * runtime validates, in one of two layouts:
 * <ul>
 * <li>one tensor per feature, named after it, shape {@code [N]} or {@code [N, 1]};</li>
 * <li>a single tensor of shape {@code [N, F]}, any name, columns in descriptor order.</li>
 * </ul>
 * Numeric datatypes only ({@code FP64, FP32, FP16, INT8..64, UINT8..64}); {@code data} may be flat
 * (row-major, as the spec says) or nested as the shape.
 */
final class V2Tensors {

    static final Set<String> NUMERIC = Set.of("FP64", "FP32", "FP16", "INT8", "INT16", "INT32", "INT64", "UINT8",
            "UINT16", "UINT32", "UINT64");

    private V2Tensors() {
    }

    static ArrayNode toRows(JsonNode request, List<String> features) {
        if (request == null || !request.isObject()) {
            throw bad("the request must be a JSON object with an 'inputs' array");
        }
        JsonNode inputs = request.get("inputs");
        if (inputs == null || !inputs.isArray() || inputs.isEmpty()) {
            throw bad("'inputs' must be a non-empty array of tensors");
        }
        List<Tensor> tensors = new ArrayList<>();
        for (JsonNode input : inputs) {
            tensors.add(Tensor.of(input));
        }
        if (tensors.size() == 1 && !features.contains(tensors.get(0).name)) {
            return fromMatrix(tensors.get(0), features);
        }
        return fromColumns(tensors, features);
    }

    private static ArrayNode fromMatrix(Tensor t, List<String> features) {
        if (t.shape.length != 2 || t.shape[1] != features.size()) {
            throw bad("input '" + t.name + "' must have shape [N, " + features.size() + "] (features in the order "
                    + features + "), or send one tensor per feature");
        }
        ArrayNode rows = JsonNodeFactory.instance.arrayNode();
        for (int r = 0; r < t.shape[0]; r++) {
            ObjectNode row = rows.addObject();
            for (int c = 0; c < features.size(); c++) {
                row.set(features.get(c), t.data.get(r * features.size() + c));
            }
        }
        return rows;
    }

    private static ArrayNode fromColumns(List<Tensor> tensors, List<String> features) {
        Map<String, Tensor> byName = new HashMap<>();
        int n = -1;
        for (Tensor t : tensors) {
            if (!features.contains(t.name)) {
                throw bad("unknown input '" + t.name + "'; inputs are " + features);
            }
            if (byName.put(t.name, t) != null) {
                throw bad("input '" + t.name + "' is given twice");
            }
            boolean column = t.shape.length == 1 || (t.shape.length == 2 && t.shape[1] == 1);
            if (!column) {
                throw bad("input '" + t.name + "' must have shape [N] or [N, 1]");
            }
            if (n >= 0 && t.shape[0] != n) {
                throw bad("inputs disagree on the batch size: '" + t.name + "' has " + t.shape[0] + " rows, not " + n);
            }
            n = t.shape[0];
        }
        for (String feature : features) {
            if (!byName.containsKey(feature)) {
                throw bad("input '" + feature + "' is missing; inputs are " + features);
            }
        }
        ArrayNode rows = JsonNodeFactory.instance.arrayNode();
        for (int r = 0; r < n; r++) {
            ObjectNode row = rows.addObject();
            for (String feature : features) {
                row.set(feature, byName.get(feature).data.get(r));
            }
        }
        return rows;
    }

    static ScoringException bad(String message) {
        return new ScoringException(Refusal.INVALID_INFERENCE_REQUEST, null, message);
    }

    /** One input tensor, its data flattened row-major. */
    private record Tensor(String name, int[] shape, List<JsonNode> data) {

        static Tensor of(JsonNode input) {
            String name = input.path("name").asText(null);
            if (name == null || name.isBlank()) {
                throw bad("every input needs a 'name'");
            }
            String datatype = input.path("datatype").asText("");
            if (!NUMERIC.contains(datatype)) {
                throw bad("input '" + name + "' has datatype '" + datatype + "'; a numeric datatype such as FP64 "
                        + "is required");
            }
            JsonNode shapeNode = input.get("shape");
            if (shapeNode == null || !shapeNode.isArray() || shapeNode.isEmpty() || shapeNode.size() > 2) {
                throw bad("input '" + name + "' needs a 'shape' of one or two dimensions");
            }
            int[] shape = new int[shapeNode.size()];
            long size = 1;
            for (int i = 0; i < shape.length; i++) {
                if (!shapeNode.get(i).canConvertToInt() || shapeNode.get(i).intValue() < 0) {
                    throw bad("input '" + name + "' has an invalid shape " + shapeNode);
                }
                shape[i] = shapeNode.get(i).intValue();
                size *= shape[i];
            }
            List<JsonNode> data = new ArrayList<>();
            flatten(input.get("data"), data, name);
            if (data.size() != size) {
                throw bad("input '" + name + "' has " + data.size() + " values for shape " + shapeNode);
            }
            return new Tensor(name, shape, data);
        }

        private static void flatten(JsonNode node, List<JsonNode> into, String name) {
            if (node == null) {
                throw bad("input '" + name + "' has no 'data'");
            }
            if (node.isArray()) {
                node.forEach(element -> flatten(element, into, name));
            } else {
                into.add(node);
            }
        }
    }
}
