package dev.scoring.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The model a function packages, as its tests see it on the class path: {@code model/descriptor.json}
 * and {@code model/holdout.csv} (the held-out rows, features then the true label or value).
 */
public final class PackagedModel {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode descriptor;
    private final List<Map<String, Double>> holdoutRows;
    private final List<String> holdoutTruth;

    private PackagedModel(JsonNode descriptor, List<Map<String, Double>> rows, List<String> truth) {
        this.descriptor = descriptor;
        this.holdoutRows = rows;
        this.holdoutTruth = truth;
    }

    public static PackagedModel fromClassPath() {
        try {
            JsonNode descriptor = JSON.readTree(resource("model/descriptor.json"));
            List<String> lines = new String(resource("model/holdout.csv"), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank()).toList();
            String[] header = lines.get(0).split(",");
            List<Map<String, Double>> rows = new ArrayList<>();
            List<String> truth = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split(",");
                Map<String, Double> row = new LinkedHashMap<>();
                for (int i = 0; i < header.length - 1; i++) {
                    row.put(header[i], Double.parseDouble(cells[i]));
                }
                rows.add(row);
                truth.add(cells[cells.length - 1]);
            }
            return new PackagedModel(descriptor, rows, truth);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode descriptor() {
        return descriptor;
    }

    public String name() {
        return descriptor.path("name").asText();
    }

    public String version() {
        return descriptor.path("version").asText();
    }

    public boolean isRegression() {
        return "regression".equals(descriptor.path("task").asText());
    }

    public List<String> labels() {
        List<String> labels = new ArrayList<>();
        descriptor.path("labels").forEach(l -> labels.add(l.asText()));
        return labels;
    }

    public List<String> featureNames() {
        List<String> names = new ArrayList<>();
        descriptor.path("features").forEach(f -> names.add(f.path("name").asText()));
        return names;
    }

    /** The training means of every feature: a typical row, inside the training range. */
    public Map<String, Double> meanRow() {
        Map<String, Double> row = new LinkedHashMap<>();
        descriptor.path("features").forEach(f -> row.put(f.path("name").asText(), f.path("mean").asDouble()));
        return row;
    }

    public double metric(String name) {
        JsonNode value = descriptor.path("metrics").path(name);
        if (!value.isNumber()) {
            throw new IllegalArgumentException("the descriptor has no metric " + name);
        }
        return value.doubleValue();
    }

    public List<String> metricNames() {
        List<String> names = new ArrayList<>();
        descriptor.path("metrics").fieldNames().forEachRemaining(names::add);
        return names;
    }

    public List<Map<String, Double>> holdoutRows() {
        return holdoutRows;
    }

    public List<String> holdoutTruth() {
        return holdoutTruth;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException(name + " is not on the test class path");
            }
            return in.readAllBytes();
        }
    }
}
