package dev.scoring.trainer;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Output;
import org.tribuo.OutputFactory;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Trains one model from its spec and writes, next to the spec (or into a given directory):
 * {@code model.tribuo} (Tribuo protobuf format), {@code descriptor.json} and {@code holdout.csv}.
 * <p>
 * Usage: {@code TrainModel <spec.json> [<output dir>]}. Exits with status 1 and a one-line reason,
 * writing nothing, when the model misses the spec's quality gate.
 */
public final class TrainModel {

    public static final String MODEL_FILE = "model.tribuo";
    public static final String DESCRIPTOR_FILE = "descriptor.json";
    public static final String HOLDOUT_FILE = "holdout.csv";

    /** Tribuo records a data source's creation time in the model; a fixed one keeps it reproducible. */
    private static final OffsetDateTime DATA_SOURCE_TIME = OffsetDateTime.parse("1970-01-01T00:00:00Z");

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Quantile bins per feature in the descriptor's training histograms (drift detection). */
    static final int DRIFT_BINS = 4;

    private TrainModel() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: TrainModel <spec.json> [<output dir>]");
            System.exit(2);
        }
        Path spec = Path.of(args[0]);
        Path out = args.length == 2 ? Path.of(args[1]) : spec.toAbsolutePath().getParent();
        try {
            TrainingResult r = train(spec, out);
            System.out.printf("Trained %s in %d ms: held-out %s; %s is %d bytes (sha256 %s)%n", spec,
                    r.trainingMillis(), r.metrics(), r.modelFile(), r.modelBytes(), r.modelSha256());
        } catch (QualityGateException e) {
            System.err.println("Quality gate failed: " + e.getMessage());
            System.exit(1);
        }
    }

    public static TrainingResult train(Path specFile, Path outDir) throws IOException, QualityGateException {
        ModelSpec spec = MAPPER.readValue(specFile.toFile(), ModelSpec.class);
        Path dir = specFile.toAbsolutePath().getParent();
        Table table = Table.load(dir, spec.dataset());
        return spec.isRegression() ? trainRegression(spec, table, dir, specFile, outDir)
                : trainClassification(spec, table, dir, specFile, outDir);
    }

    private static TrainingResult trainClassification(ModelSpec spec, Table table, Path dir, Path specFile,
            Path outDir) throws IOException, QualityGateException {
        Split split = Split.stratified(table.labels(), spec.split().testFraction(), spec.split().seed());
        LabelFactory factory = new LabelFactory();
        String data = dataDescription(spec, dir);
        MutableDataset<Label> train = dataset(table, split.train(), factory, i -> new Label(table.labels().get(i)),
                data + ", training split");
        MutableDataset<Label> test = dataset(table, split.test(), factory, i -> new Label(table.labels().get(i)),
                data + ", held-out split");

        java.time.Instant runStart = java.time.Instant.now();
        long start = System.nanoTime();
        Model<Label> model = Algorithms.classification(spec).train(train);
        long trainingMillis = (System.nanoTime() - start) / 1_000_000;

        List<String> truth = split.test().stream().map(table.labels()::get).toList();
        List<String> predicted = new ArrayList<>();
        List<Map<String, Double>> probabilities = model.generatesProbabilities() ? new ArrayList<>() : null;
        for (Prediction<Label> p : model.predict(test)) {
            predicted.add(p.getOutput().getLabel());
            if (probabilities != null) {
                Map<String, Double> byLabel = new HashMap<>();
                p.getOutputScores().forEach((label, scored) -> byLabel.put(label, scored.getScore()));
                probabilities.add(byLabel);
            }
        }
        Map<String, Double> metrics = Metrics.classification(truth, predicted, probabilities, table.labelNames());
        metrics.putAll(baseline(majorityBaseline(table, split, truth)));
        checkGate(spec, metrics, specFile);

        return write(spec, table, split, metrics, model, runStart, dir, outDir, trainingMillis,
                i -> table.labels().get(i), "label");
    }

    private static TrainingResult trainRegression(ModelSpec spec, Table table, Path dir, Path specFile,
            Path outDir) throws IOException, QualityGateException {
        Split split = Split.shuffled(table.size(), spec.split().testFraction(), spec.split().seed());
        RegressionFactory factory = new RegressionFactory();
        String target = spec.dataset().target().name();
        String data = dataDescription(spec, dir);
        MutableDataset<Regressor> train = dataset(table, split.train(), factory,
                i -> new Regressor(target, table.targets()[i]), data + ", training split");
        MutableDataset<Regressor> test = dataset(table, split.test(), factory,
                i -> new Regressor(target, table.targets()[i]), data + ", held-out split");

        java.time.Instant runStart = java.time.Instant.now();
        long start = System.nanoTime();
        Model<Regressor> model = Algorithms.regression(spec).train(train);
        long trainingMillis = (System.nanoTime() - start) / 1_000_000;

        double[] truth = split.test().stream().mapToDouble(i -> table.targets()[i]).toArray();
        double[] predicted = model.predict(test).stream()
                .mapToDouble(p -> p.getOutput().getDimension(target).orElseThrow().getValue()).toArray();
        Map<String, Double> metrics = Metrics.regression(truth, predicted);
        double trainMean = split.train().stream().mapToDouble(i -> table.targets()[i]).average().orElseThrow();
        double[] meanPrediction = new double[truth.length];
        java.util.Arrays.fill(meanPrediction, trainMean);
        metrics.putAll(baseline(Metrics.regression(truth, meanPrediction)));
        checkGate(spec, metrics, specFile);

        return write(spec, table, split, metrics, model, runStart, dir, outDir, trainingMillis,
                i -> Double.toString(table.targets()[i]), "value");
    }

    /** The majority class of the training split, with the training class frequencies as probabilities. */
    private static Map<String, Double> majorityBaseline(Table table, Split split, List<String> truth) {
        Map<String, Long> counts = new HashMap<>();
        split.train().forEach(i -> counts.merge(table.labels().get(i), 1L, Long::sum));
        // Ties go to the smaller label name, so the baseline is reproducible.
        Comparator<Map.Entry<String, Long>> byCount = Map.Entry.comparingByValue();
        Comparator<Map.Entry<String, Long>> byName = Map.Entry.comparingByKey();
        String majority = counts.entrySet().stream().max(byCount.thenComparing(byName.reversed()))
                .orElseThrow().getKey();
        Map<String, Double> prior = new HashMap<>();
        counts.forEach((label, n) -> prior.put(label, (double) n / split.train().size()));
        List<String> predicted = truth.stream().map(t -> majority).toList();
        List<Map<String, Double>> probabilities = truth.stream().map(t -> prior).toList();
        return Metrics.classification(truth, predicted, probabilities, table.labelNames());
    }

    private static Map<String, Double> baseline(Map<String, Double> metrics) {
        Map<String, Double> prefixed = new LinkedHashMap<>();
        metrics.forEach((k, v) -> prefixed.put("baseline" + Character.toUpperCase(k.charAt(0)) + k.substring(1), v));
        return prefixed;
    }

    private static <T extends Output<T>> MutableDataset<T> dataset(Table table, List<Integer> indices,
            OutputFactory<T> factory, IntFunction<T> output, String description) {
        MutableDataset<T> dataset = new MutableDataset<>(
                new SimpleDataSourceProvenance(description, DATA_SOURCE_TIME, factory), factory);
        String[] names = table.featureNames().toArray(String[]::new);
        for (int i : indices) {
            dataset.add(new ArrayExample<>(output.apply(i), names, table.rows().get(i).clone()));
        }
        return dataset;
    }

    private static void checkGate(ModelSpec spec, Map<String, Double> metrics, Path specFile)
            throws QualityGateException {
        if (spec.gate() == null || spec.gate().isEmpty()) {
            throw new QualityGateException(spec.name() + ": " + specFile + " sets no quality gate");
        }
        for (Map.Entry<String, Double> bound : spec.gate().entrySet()) {
            Double actual = metrics.get(bound.getKey());
            if (actual == null || bound.getKey().startsWith("baseline")) {
                throw new QualityGateException("the gate in " + specFile + " names the unknown metric '"
                        + bound.getKey() + "'; known: " + metrics.keySet());
            }
            boolean maximum = Metrics.LOWER_IS_BETTER.contains(bound.getKey());
            if (maximum ? actual > bound.getValue() : actual < bound.getValue()) {
                throw new QualityGateException(String.format("%s: held-out %s is %.4f, %s the gate %.4f set in %s",
                        spec.name(), bound.getKey(), actual, maximum ? "above" : "below", bound.getValue(), specFile));
            }
        }
    }

    private static <T extends Output<T>> TrainingResult write(ModelSpec spec, Table table, Split split,
            Map<String, Double> metrics, Model<T> model, java.time.Instant runStart, Path dir, Path outDir,
            long trainingMillis, IntFunction<String> truth, String truthColumn) throws IOException {
        Files.createDirectories(outDir);
        Path modelFile = outDir.resolve(MODEL_FILE);
        byte[] modelBytes = ReproducibleModels.serializePinned(model, runStart, ReproducibleModels.pinnedTime());
        Files.write(modelFile, modelBytes);
        String modelSha256 = sha256Hex(modelBytes);
        Path descriptorFile = outDir.resolve(DESCRIPTOR_FILE);
        MAPPER.writeValue(descriptorFile.toFile(), descriptor(spec, table, split, metrics, modelSha256, dir));
        Path holdoutFile = outDir.resolve(HOLDOUT_FILE);
        try (Writer w = Files.newBufferedWriter(holdoutFile, StandardCharsets.UTF_8)) {
            w.write(String.join(",", table.featureNames()) + "," + truthColumn + "\n");
            for (int i : split.test()) {
                StringBuilder line = new StringBuilder();
                for (double v : table.rows().get(i)) {
                    line.append(v).append(',');
                }
                w.write(line.append(truth.apply(i)).append('\n').toString());
            }
        }
        return new TrainingResult(modelFile, descriptorFile, holdoutFile, metrics, modelSha256, modelBytes.length,
                trainingMillis);
    }

    private static ObjectNode descriptor(ModelSpec spec, Table table, Split split, Map<String, Double> metrics,
            String modelSha256, Path dir) throws IOException {
        ObjectNode d = MAPPER.createObjectNode();
        d.put("name", spec.name());
        d.put("version", spec.version());
        d.put("task", spec.task());
        d.put("description", spec.description());
        ObjectNode model = d.putObject("model");
        model.put("file", MODEL_FILE);
        model.put("format", "tribuo-protobuf");
        model.put("sha256", modelSha256);
        model.put("algorithm", algorithmDescription(spec.algorithm()));
        model.put("tribuoVersion", org.tribuo.Tribuo.VERSION);
        ArrayNode features = d.putArray("features");
        for (int f = 0; f < table.featureNames().size(); f++) {
            final int column = f;
            ModelSpec.Column col = spec.dataset().features().get(f);
            ObjectNode feature = features.addObject();
            feature.put("name", col.name());
            feature.put("type", "double");
            if (col.unit() != null) {
                feature.put("unit", col.unit());
            }
            double[] trainingValues = split.train().stream().mapToDouble(i -> table.rows().get(i)[column]).toArray();
            putStatistics(feature, trainingValues);
            putHistogram(feature, trainingValues);
        }
        if (spec.isRegression()) {
            ObjectNode target = d.putObject("target");
            target.put("name", spec.dataset().target().name());
            if (spec.dataset().target().unit() != null) {
                target.put("unit", spec.dataset().target().unit());
            }
            putStatistics(target, split.train().stream().mapToDouble(i -> table.targets()[i]).toArray());
        } else {
            ArrayNode labels = d.putArray("labels");
            table.labelNames().forEach(labels::add);
            // The share of each label in the training split: what the prediction mix is compared with.
            ObjectNode prior = d.putObject("labelPrior");
            for (String label : table.labelNames()) {
                long n = split.train().stream().filter(i -> table.labels().get(i).equals(label)).count();
                prior.put(label, (double) n / split.train().size());
            }
        }
        ObjectNode m = d.putObject("metrics");
        metrics.forEach(m::put);
        ObjectNode training = d.putObject("training");
        training.put("dataset", spec.dataset().file());
        training.put("datasetSha256", sha256Hex(Files.readAllBytes(dir.resolve(spec.dataset().file()))));
        if (spec.dataset().targetFile() != null) {
            training.put("targetFile", spec.dataset().targetFile());
            training.put("targetSha256", sha256Hex(Files.readAllBytes(dir.resolve(spec.dataset().targetFile()))));
        }
        training.put("source", spec.dataset().source());
        training.put("rows", table.size());
        training.put("trainRows", split.train().size());
        training.put("testRows", split.test().size());
        training.put("split", spec.isRegression() ? "shuffled" : "stratified");
        training.put("seed", spec.split().seed());
        training.put("testFraction", spec.split().testFraction());
        return d;
    }

    private static void putStatistics(ObjectNode node, double[] values) {
        node.put("min", java.util.Arrays.stream(values).min().orElseThrow());
        node.put("max", java.util.Arrays.stream(values).max().orElseThrow());
        node.put("mean", java.util.Arrays.stream(values).average().orElseThrow());
    }

    /**
     * The training distribution of a feature for drift detection: the inner edges of
     * {@link #DRIFT_BINS} quantile bins and the share of training rows in each bin (a value equal to
     * an edge falls in the bin above it). Ties can merge edges; the shares say what really fell where.
     */
    private static void putHistogram(ObjectNode node, double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        java.util.TreeSet<Double> edges = new java.util.TreeSet<>();
        for (int q = 1; q < DRIFT_BINS; q++) {
            edges.add(sorted[(int) Math.floor((double) q * sorted.length / DRIFT_BINS)]);
        }
        edges.remove(sorted[0]); // an edge at the minimum would leave the first bin empty
        double[] edgeArray = edges.stream().mapToDouble(Double::doubleValue).toArray();
        long[] counts = new long[edgeArray.length + 1];
        for (double v : values) {
            counts[binOf(v, edgeArray)]++;
        }
        ObjectNode histogram = node.putObject("histogram");
        ArrayNode edgeNode = histogram.putArray("edges");
        for (double e : edgeArray) {
            edgeNode.add(e);
        }
        ArrayNode shares = histogram.putArray("shares");
        for (long c : counts) {
            shares.add((double) c / values.length);
        }
    }

    /** Index of the bin {@code v} falls in: the number of edges at or below it. */
    static int binOf(double v, double[] edges) {
        int bin = 0;
        while (bin < edges.length && v >= edges[bin]) {
            bin++;
        }
        return bin;
    }

    private static String algorithmDescription(ModelSpec.Algorithm a) {
        String scaled = a.standardize() ? ", standardized features" : "";
        return switch (a.name()) {
            case "random-forest" -> "random-forest (Tribuo RandomForestTrainer, " + a.trees() + " CART trees, depth "
                    + a.maxDepth() + ", feature fraction " + a.featureFraction() + ", majority vote" + scaled + ")";
            default -> a.name() + " (Tribuo LinearSGDTrainer, AdaGrad, " + a.epochs() + " epochs" + scaled + ")";
        };
    }

    private static String dataDescription(ModelSpec spec, Path dir) throws IOException {
        return spec.dataset().file() + " (sha256 " + sha256Hex(Files.readAllBytes(dir.resolve(spec.dataset().file())))
                + ")";
    }

    static String sha256Hex(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            StringBuilder hex = new StringBuilder();
            for (byte b : digest) {
                hex.append(String.format("%02x", b));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
