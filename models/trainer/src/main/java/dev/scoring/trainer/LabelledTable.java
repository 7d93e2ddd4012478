package dev.scoring.trainer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A table of numeric features and a class label per row, read from scikit-learn's bundled CSV
 * layout. Its first row is not column names but {@code n_samples,n_features,<label 0>,<label 1>,...};
 * every later row holds the features then the class index.
 *
 * @param featureNames column names, given by the spec (the file has none)
 * @param labelNames label of each class index
 * @param rows feature values per row
 * @param labels label per row
 */
public record LabelledTable(List<String> featureNames, List<String> labelNames, List<double[]> rows,
        List<String> labels) {

    public static LabelledTable readSklearnCsv(Path file, List<String> featureNames) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            throw new IOException(file + " is empty");
        }
        String[] header = lines.get(0).split(",");
        int samples = Integer.parseInt(header[0].trim());
        int featureCount = Integer.parseInt(header[1].trim());
        if (featureCount != featureNames.size()) {
            throw new IOException(file + " has " + featureCount + " features but the spec names "
                    + featureNames.size() + ": " + featureNames);
        }
        List<String> labelNames = Arrays.stream(header, 2, header.length).map(String::trim).toList();
        List<double[]> rows = new ArrayList<>(samples);
        List<String> labels = new ArrayList<>(samples);
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split(",");
            if (cells.length != featureCount + 1) {
                throw new IOException(file + " line " + (i + 1) + " has " + cells.length + " cells, expected "
                        + (featureCount + 1));
            }
            double[] values = new double[featureCount];
            for (int f = 0; f < featureCount; f++) {
                values[f] = Double.parseDouble(cells[f].trim());
            }
            rows.add(values);
            labels.add(labelNames.get(Integer.parseInt(cells[featureCount].trim())));
        }
        if (rows.size() != samples) {
            throw new IOException(file + " declares " + samples + " rows but holds " + rows.size());
        }
        return new LabelledTable(List.copyOf(featureNames), labelNames, rows, labels);
    }

    public int size() {
        return rows.size();
    }
}
