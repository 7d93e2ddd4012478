package dev.scoring.trainer;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.tribuo.data.csv.CSVIterator;

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

    private static final String CLASS_COLUMN = "__class_index";
    private static final String TARGET_COLUMN = "__target";

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
     * the class index. That first row is read here; the rows are parsed by Tribuo's
     * {@link CSVIterator} under the column names the spec gives.
     */
    static Table readSklearnCsv(Path file, List<String> featureNames) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = reader.readLine();
            if (first == null) {
                throw new IOException(file + " is empty");
            }
            String[] header = first.split(",");
            int samples = Integer.parseInt(header[0].trim());
            requireFeatureCount(file, Integer.parseInt(header[1].trim()), featureNames);
            List<String> labelNames = Arrays.stream(header, 2, header.length).map(String::trim).toList();
            List<String> columns = new ArrayList<>(featureNames);
            columns.add(CLASS_COLUMN);
            List<double[]> rows = new ArrayList<>(samples);
            List<String> labels = new ArrayList<>(samples);
            CSVIterator csv = new CSVIterator(reader, ',', '"', columns);
            while (csv.hasNext()) {
                Map<String, String> row = csv.next().getRowData();
                rows.add(values(row, featureNames, file));
                labels.add(labelNames.get(Integer.parseInt(row.get(CLASS_COLUMN).trim())));
            }
            if (rows.size() != samples) {
                throw new IOException(file + " declares " + samples + " rows but holds " + rows.size());
            }
            return new Table(List.copyOf(featureNames), rows, labelNames, labels, new double[0]);
        }
    }

    /**
     * Features separated by single spaces, one row per line; the target in a second file, one value
     * per line. Both are parsed by Tribuo's {@link CSVIterator}.
     */
    static Table readWhitespaceColumns(Path file, Path targetFile, List<String> featureNames) throws IOException {
        List<double[]> rows = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            CSVIterator csv = new CSVIterator(reader, ' ', '"', featureNames);
            while (csv.hasNext()) {
                rows.add(values(csv.next().getRowData(), featureNames, file));
            }
        }
        List<Double> targets = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(targetFile, StandardCharsets.UTF_8)) {
            CSVIterator csv = new CSVIterator(reader, ' ', '"', List.of(TARGET_COLUMN));
            while (csv.hasNext()) {
                targets.add(Double.parseDouble(csv.next().getRowData().get(TARGET_COLUMN).trim()));
            }
        }
        if (rows.size() != targets.size()) {
            throw new IOException(file + " has " + rows.size() + " rows but " + targetFile + " has " + targets.size());
        }
        return new Table(List.copyOf(featureNames), rows, List.of(), List.of(),
                targets.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static double[] values(Map<String, String> row, List<String> featureNames, Path file) throws IOException {
        double[] values = new double[featureNames.size()];
        for (int f = 0; f < values.length; f++) {
            String cell = row.get(featureNames.get(f));
            if (cell == null || cell.isBlank()) {
                throw new IOException(file + ": a row has no value for " + featureNames.get(f));
            }
            values[f] = Double.parseDouble(cell.trim());
        }
        return values;
    }

    private static void requireFeatureCount(Path file, int count, List<String> featureNames) throws IOException {
        if (count != featureNames.size()) {
            throw new IOException(file + " has " + count + " features but the spec names "
                    + featureNames.size() + ": " + featureNames);
        }
    }
}
