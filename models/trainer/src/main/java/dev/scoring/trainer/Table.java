package dev.scoring.trainer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rows of numeric features with a target per row: a label for classification, a number for
 * regression.
 *
 * @param featureNames column names, given by the spec (the files have none)
 * @param rows feature values per row
 * @param labelNames every class label, in the file's index order (classification; empty otherwise)
 * @param labels label per row (classification; empty otherwise)
 * @param targets target per row (regression; empty otherwise)
 */
public record Table(List<String> featureNames, List<double[]> rows, List<String> labelNames, List<String> labels,
        double[] targets) {

    public int size() {
        return rows.size();
    }

    public static Table load(Path dir, ModelSpec.Dataset dataset) throws IOException {
        List<String> names = dataset.features().stream().map(ModelSpec.Column::name).toList();
        return switch (dataset.format()) {
            case "sklearn-csv" -> readSklearnCsv(dir.resolve(dataset.file()), names);
            case "whitespace-columns" -> readWhitespaceColumns(dir.resolve(dataset.file()),
                    dir.resolve(dataset.targetFile()), names);
            default -> throw new IllegalArgumentException("dataset format '" + dataset.format()
                    + "' is not supported; use 'sklearn-csv' or 'whitespace-columns'");
        };
    }

    /**
     * scikit-learn's bundled CSV layout: the first row is not column names but
     * {@code n_samples,n_features,<label 0>,<label 1>,...}; every later row holds the features then
     * the class index.
     */
    static Table readSklearnCsv(Path file, List<String> featureNames) throws IOException {
        List<String> lines = nonBlankLines(file);
        String[] header = lines.get(0).split(",");
        int samples = Integer.parseInt(header[0].trim());
        int featureCount = Integer.parseInt(header[1].trim());
        requireFeatureCount(file, featureCount, featureNames);
        List<String> labelNames = Arrays.stream(header, 2, header.length).map(String::trim).toList();
        List<double[]> rows = new ArrayList<>(samples);
        List<String> labels = new ArrayList<>(samples);
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",");
            if (cells.length != featureCount + 1) {
                throw new IOException(file + " line " + (i + 1) + " has " + cells.length + " cells, expected "
                        + (featureCount + 1));
            }
            rows.add(parse(cells, featureCount));
            labels.add(labelNames.get(Integer.parseInt(cells[featureCount].trim())));
        }
        if (rows.size() != samples) {
            throw new IOException(file + " declares " + samples + " rows but holds " + rows.size());
        }
        return new Table(List.copyOf(featureNames), rows, labelNames, labels, new double[0]);
    }

    /** Features separated by blanks, one row per line; the target in a second file, one value per line. */
    static Table readWhitespaceColumns(Path file, Path targetFile, List<String> featureNames) throws IOException {
        List<String> lines = nonBlankLines(file);
        List<String> targetLines = nonBlankLines(targetFile);
        if (lines.size() != targetLines.size()) {
            throw new IOException(file + " has " + lines.size() + " rows but " + targetFile + " has "
                    + targetLines.size());
        }
        List<double[]> rows = new ArrayList<>(lines.size());
        double[] targets = new double[lines.size()];
        for (int i = 0; i < lines.size(); i++) {
            String[] cells = lines.get(i).trim().split("\\s+");
            requireFeatureCount(file, cells.length, featureNames);
            rows.add(parse(cells, cells.length));
            targets[i] = Double.parseDouble(targetLines.get(i).trim());
        }
        return new Table(List.copyOf(featureNames), rows, List.of(), List.of(), targets);
    }

    private static List<String> nonBlankLines(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            throw new IOException(file + " is empty");
        }
        return lines;
    }

    private static void requireFeatureCount(Path file, int count, List<String> featureNames) throws IOException {
        if (count != featureNames.size()) {
            throw new IOException(file + " has " + count + " features but the spec names "
                    + featureNames.size() + ": " + featureNames);
        }
    }

    private static double[] parse(String[] cells, int count) {
        double[] values = new double[count];
        for (int f = 0; f < count; f++) {
            values[f] = Double.parseDouble(cells[f].trim());
        }
        return values;
    }
}
