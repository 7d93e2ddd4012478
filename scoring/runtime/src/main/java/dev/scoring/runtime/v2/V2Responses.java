package dev.scoring.runtime.v2;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.scoring.runtime.Refusal;
import dev.scoring.runtime.ScoreResult;
import dev.scoring.runtime.ScoringException;
import dev.scoring.runtime.model.ModelDescriptor;

/**
 * The V2 documents the function writes: model metadata and inference responses. Outputs are
 * {@code label} (BYTES, [N]) and {@code probabilities} (FP64, [N, labels], descriptor order) for a
 * classifier, {@code value} (FP64, [N]) for a regression model.
 */
final class V2Responses {

    static final String LABEL = "label";
    static final String PROBABILITIES = "probabilities";
    static final String VALUE = "value";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private V2Responses() {
    }

    static ObjectNode metadata(ModelDescriptor d) {
        ObjectNode m = JSON.objectNode();
        m.put("name", d.name());
        m.putArray("versions").add(d.version());
        m.put("platform", "tribuo");
        ArrayNode inputs = m.putArray("inputs");
        for (ModelDescriptor.Feature f : d.features()) {
            ObjectNode input = inputs.addObject();
            input.put("name", f.name());
            input.put("datatype", "FP64");
            input.putArray("shape").add(-1);
        }
        ArrayNode outputs = m.putArray("outputs");
        if (d.isRegression()) {
            tensorMetadata(outputs, VALUE, "FP64").add(-1);
        } else {
            tensorMetadata(outputs, LABEL, "BYTES").add(-1);
            tensorMetadata(outputs, PROBABILITIES, "FP64").add(-1).add(d.labels().size());
        }
        ObjectNode parameters = m.putObject("parameters");
        parameters.put("task", d.task());
        parameters.put("alternative_input", "one FP64 tensor of shape [N, " + d.features().size()
                + "] with the inputs as columns, in the order listed");
        if (!d.isRegression()) {
            parameters.put("labels", String.join(",", d.labels()));
        }
        return m;
    }

    private static ArrayNode tensorMetadata(ArrayNode outputs, String name, String datatype) {
        ObjectNode output = outputs.addObject();
        output.put("name", name);
        output.put("datatype", datatype);
        return output.putArray("shape");
    }

    static ObjectNode inference(JsonNode request, ModelDescriptor d, List<ScoreResult> results) {
        Set<String> requested = requestedOutputs(request, d);
        ObjectNode response = JSON.objectNode();
        response.put("model_name", d.name());
        response.put("model_version", d.version());
        if (request.hasNonNull("id")) {
            response.put("id", request.get("id").asText());
        }
        int n = results.size();
        ArrayNode outputs = response.putArray("outputs");
        if (requested.contains(LABEL)) {
            ArrayNode data = tensor(outputs, LABEL, "BYTES", n);
            results.forEach(r -> data.add(r.label()));
        }
        if (requested.contains(PROBABILITIES)) {
            ArrayNode data = tensor(outputs, PROBABILITIES, "FP64", n, d.labels().size());
            for (ScoreResult r : results) {
                for (String label : d.labels()) {
                    data.add(r.probabilities().get(label));
                }
            }
        }
        if (requested.contains(VALUE)) {
            ArrayNode data = tensor(outputs, VALUE, "FP64", n);
            results.forEach(r -> data.add(r.value()));
        }
        List<String> warnings = new ArrayList<>();
        results.forEach(r -> r.warnings().forEach(w -> warnings.add(w.field())));
        if (!warnings.isEmpty()) {
            // V2 parameters hold strings, numbers or booleans: the rows' out-of-range fields, comma-separated.
            response.putObject("parameters").put("out_of_range", String.join(",", warnings));
        }
        return response;
    }

    private static Set<String> requestedOutputs(JsonNode request, ModelDescriptor d) {
        List<String> available = d.isRegression() ? List.of(VALUE)
                : d.labels() != null ? List.of(LABEL, PROBABILITIES) : List.of(LABEL);
        JsonNode outputs = request.get("outputs");
        if (outputs == null || !outputs.isArray() || outputs.isEmpty()) {
            return new LinkedHashSet<>(available);
        }
        Set<String> requested = new LinkedHashSet<>();
        for (JsonNode output : outputs) {
            String name = output.path("name").asText();
            if (!available.contains(name)) {
                throw new ScoringException(Refusal.INVALID_INFERENCE_REQUEST, null,
                        "unknown output '" + name + "'; outputs are " + available);
            }
            requested.add(name);
        }
        return requested;
    }

    private static ArrayNode tensor(ArrayNode outputs, String name, String datatype, int... shape) {
        ObjectNode output = outputs.addObject();
        output.put("name", name);
        output.put("datatype", datatype);
        ArrayNode shapeNode = output.putArray("shape");
        for (int s : shape) {
            shapeNode.add(s);
        }
        return output.putArray("data");
    }
}
