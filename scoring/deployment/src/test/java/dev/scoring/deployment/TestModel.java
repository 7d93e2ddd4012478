package dev.scoring.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jboss.shrinkwrap.api.spec.JavaArchive;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The iris model (copied from models/iris by the build) packaged into a test application as a function packages it. */
final class TestModel {

    private TestModel() {
    }

    static JavaArchive packagedInto(JavaArchive root) {
        // The test class is loaded again inside the application, where it reaches this class: ship it too.
        return root.addClass(TestModel.class)
                .addAsResource("test-model/descriptor.json", "model/descriptor.json")
                .addAsResource("test-model/model.tribuo", "model/model.tribuo");
    }

    /** The feature names of the packaged descriptor, in its order. */
    static List<String> featureNames() {
        try {
            List<String> names = new ArrayList<>();
            new ObjectMapper().readTree(resource("model/descriptor.json")).path("features")
                    .forEach(f -> names.add(f.path("name").asText()));
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The model's held-out rows (models/iris/holdout.csv: the features, then the true label, left out here). */
    static List<Map<String, Double>> holdoutRows() {
        List<String> lines = new String(resource("test-model/holdout.csv"), StandardCharsets.UTF_8).lines()
                .filter(l -> !l.isBlank()).toList();
        String[] header = lines.get(0).split(",");
        List<Map<String, Double>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            Map<String, Double> row = new LinkedHashMap<>();
            for (int i = 0; i < header.length - 1; i++) {
                row.put(header[i], Double.parseDouble(cells[i]));
            }
            rows.add(row);
        }
        return rows;
    }

    private static byte[] resource(String name) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the test class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
