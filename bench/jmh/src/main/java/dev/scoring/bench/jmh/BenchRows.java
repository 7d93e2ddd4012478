package dev.scoring.bench.jmh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The input rows of every benchmark: the held-out rows of the model, in file order, repeated to fill
 * a batch. bench/suite.py builds the HTTP request bodies from the same file the same way.
 */
record BenchRows(String[] featureNames, List<double[]> rows) {

    static final int BATCH_SIZE = 100;

    static BenchRows fromHoldout(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv).stream().filter(line -> !line.isBlank()).toList();
        if (lines.size() < 2) {
            throw new IllegalArgumentException(csv + " has no data rows");
        }
        String[] header = lines.get(0).split(",");
        // The last column is the label; every other column is a feature, in model order.
        String[] features = Arrays.copyOf(header, header.length - 1);
        List<double[]> rows = lines.subList(1, lines.size()).stream().map(line -> {
            String[] cells = line.split(",");
            if (cells.length != header.length) {
                throw new IllegalArgumentException(csv + ": row '" + line + "' has " + cells.length
                        + " cells, the header has " + header.length);
            }
            double[] values = new double[features.length];
            for (int i = 0; i < features.length; i++) {
                values[i] = Double.parseDouble(cells[i]);
            }
            return values;
        }).toList();
        return new BenchRows(features, rows);
    }

    double[] row(int index) {
        return rows.get(index);
    }

    double[][] cycled(int count) {
        double[][] out = new double[count][];
        for (int i = 0; i < count; i++) {
            out[i] = rows.get(i % rows.size());
        }
        return out;
    }
}
