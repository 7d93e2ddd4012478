package dev.scoring.trainer;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Trains one model from its spec and writes, next to the spec (or into a given directory):
 * {@code model.tribuo} (Tribuo protobuf format), {@code descriptor.json} and {@code holdout.csv}.
 * <p>
 * Usage: {@code TrainModel <spec.json> [<output dir>]}. Exits with status 1 and a one-line reason
 * when the model falls below the spec's quality gate.
 */
public final class TrainModel {

    public static final String MODEL_FILE = "model.tribuo";
    public static final String DESCRIPTOR_FILE = "descriptor.json";
    public static final String HOLDOUT_FILE = "holdout.csv";

    /** Tribuo records a data source's creation time in the model; a fixed one keeps it reproducible. */
    private static final OffsetDateTime DATA_SOURCE_TIME = OffsetDateTime.parse("1970-01-01T00:00:00Z");

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

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
            TrainingResult result = train(spec, out);
            System.out.printf("Trained %s: held-out %s; wrote %s (sha256 %s)%n", spec, result.metrics(),
                    result.modelFile(), result.modelSha256());
        } catch (QualityGateException e) {
            System.err.println("Quality gate failed: " + e.getMessage());
            System.exit(1);
        }
    }

    public static TrainingResult train(Path specFile, Path outDir) throws IOException, QualityGateException {
        ModelSpec spec = MAPPER.readValue(specFile.toFile(), ModelSpec.class);
        requireSupported(spec);
        Path dataFile = specFile.toAbsolutePath().getParent().resolve(spec.dataset().file());
        List<String> featureNames = spec.dataset().features().stream().map(ModelSpec.FeatureColumn::name).toList();
        LabelledTable table = LabelledTable.readSklearnCsv(dataFile, featureNames);
        String dataSha256 = sha256Hex(Files.readAllBytes(dataFile));

        StratifiedSplit split = StratifiedSplit.of(table.labels(), spec.split().testFraction(), spec.split().seed());
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> train = dataset(table, split.train(), factory,
                spec.dataset().file() + " (sha256 " + dataSha256 + "), training split");
        MutableDataset<Label> test = dataset(table, split.test(), factory,
                spec.dataset().file() + " (sha256 " + dataSha256 + "), held-out split");

        Model<Label> model = trainer(spec).train(train);
        LabelEvaluation evaluation = new LabelEvaluator().evaluate(model, test);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("accuracy", evaluation.accuracy());
        metrics.put("macroF1", evaluation.macroAveragedF1());
        metrics.put("baselineAccuracy", majorityBaselineAccuracy(table, split));
        checkGate(spec, metrics, specFile);

        Files.createDirectories(outDir);
        Path modelFile = outDir.resolve(MODEL_FILE);
        model.serializeToFile(modelFile);
        String modelSha256 = sha256Hex(Files.readAllBytes(modelFile));
        Path descriptorFile = outDir.resolve(DESCRIPTOR_FILE);
        MAPPER.writeValue(descriptorFile.toFile(),
                descriptor(spec, table, split, metrics, modelSha256, dataSha256, model.getProvenance()
                        .getTrainerProvenance().getClassName()));
        Path holdoutFile = outDir.resolve(HOLDOUT_FILE);
        writeHoldout(holdoutFile, table, split);
        return new TrainingResult(modelFile, descriptorFile, holdoutFile, metrics, modelSha256);
    }

    private static void requireSupported(ModelSpec spec) {
        if (!"classification".equals(spec.task())) {
            throw new IllegalArgumentException("task '" + spec.task() + "' is not supported; use 'classification'");
        }
        if (!"sklearn-csv".equals(spec.dataset().format())) {
            throw new IllegalArgumentException("dataset format '" + spec.dataset().format() + "' is not supported");
        }
        if (!"logistic-regression".equals(spec.algorithm().name())) {
            throw new IllegalArgumentException("algorithm '" + spec.algorithm().name() + "' is not supported");
        }
    }

    private static Trainer<Label> trainer(ModelSpec spec) {
        ModelSpec.Algorithm a = spec.algorithm();
        // loggingInterval: large, so that training does not log a line per few examples.
        return new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(a.learningRate(), 1e-6), a.epochs(),
                1_000_000, a.minibatchSize(), spec.split().seed());
    }

    private static MutableDataset<Label> dataset(LabelledTable table, List<Integer> indices, LabelFactory factory,
            String description) {
        MutableDataset<Label> dataset = new MutableDataset<>(
                new SimpleDataSourceProvenance(description, DATA_SOURCE_TIME, factory), factory);
        String[] names = table.featureNames().toArray(String[]::new);
        for (int i : indices) {
            dataset.add(new ArrayExample<>(new Label(table.labels().get(i)), names, table.rows().get(i).clone()));
        }
        return dataset;
    }

    private static double majorityBaselineAccuracy(LabelledTable table, StratifiedSplit split) {
        Map<String, Long> trainCounts = split.train().stream()
                .collect(Collectors.groupingBy(i -> table.labels().get(i), Collectors.counting()));
        // Ties broken by the smaller label name so the baseline is reproducible.
        Comparator<Map.Entry<String, Long>> byCount = Map.Entry.comparingByValue();
        Comparator<Map.Entry<String, Long>> byName = Map.Entry.comparingByKey();
        String majority = trainCounts.entrySet().stream()
                .max(byCount.thenComparing(byName.reversed()))
                .orElseThrow().getKey();
        long hits = split.test().stream().filter(i -> table.labels().get(i).equals(majority)).count();
        return (double) hits / split.test().size();
    }

    private static void checkGate(ModelSpec spec, Map<String, Double> metrics, Path specFile)
            throws QualityGateException {
        if (spec.gate() == null) {
            return;
        }
        for (Map.Entry<String, Double> minimum : spec.gate().entrySet()) {
            Double actual = metrics.get(minimum.getKey());
            if (actual == null) {
                throw new QualityGateException("the gate in " + specFile + " names the unknown metric '"
                        + minimum.getKey() + "'; known: " + metrics.keySet());
            }
            if (actual < minimum.getValue()) {
                throw new QualityGateException(String.format(
                        "%s: held-out %s is %.4f, below the gate %.4f set in %s",
                        spec.name(), minimum.getKey(), actual, minimum.getValue(), specFile));
            }
        }
    }

    private static ObjectNode descriptor(ModelSpec spec, LabelledTable table, StratifiedSplit split,
            Map<String, Double> metrics, String modelSha256, String dataSha256, String trainerClass) {
        ObjectNode d = MAPPER.createObjectNode();
        d.put("name", spec.name());
        d.put("version", spec.version());
        d.put("task", spec.task());
        d.put("description", spec.description());
        ObjectNode model = d.putObject("model");
        model.put("file", MODEL_FILE);
        model.put("format", "tribuo-protobuf");
        model.put("sha256", modelSha256);
        model.put("algorithm", spec.algorithm().name() + " (" + trainerClass + ", AdaGrad, "
                + spec.algorithm().epochs() + " epochs)");
        model.put("tribuoVersion", org.tribuo.Tribuo.VERSION);
        ArrayNode features = d.putArray("features");
        for (int f = 0; f < table.featureNames().size(); f++) {
            ModelSpec.FeatureColumn column = spec.dataset().features().get(f);
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double sum = 0;
            for (int i : split.train()) {
                double v = table.rows().get(i)[f];
                min = Math.min(min, v);
                max = Math.max(max, v);
                sum += v;
            }
            ObjectNode feature = features.addObject();
            feature.put("name", column.name());
            feature.put("type", "double");
            if (column.unit() != null) {
                feature.put("unit", column.unit());
            }
            feature.put("min", min);
            feature.put("max", max);
            feature.put("mean", sum / split.train().size());
        }
        ArrayNode labels = d.putArray("labels");
        table.labelNames().forEach(labels::add);
        ObjectNode m = d.putObject("metrics");
        metrics.forEach(m::put);
        ObjectNode training = d.putObject("training");
        training.put("dataset", spec.dataset().file());
        training.put("datasetSha256", dataSha256);
        training.put("source", spec.dataset().source());
        training.put("rows", table.size());
        training.put("trainRows", split.train().size());
        training.put("testRows", split.test().size());
        training.put("seed", spec.split().seed());
        training.put("testFraction", spec.split().testFraction());
        return d;
    }

    private static void writeHoldout(Path file, LabelledTable table, StratifiedSplit split) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(String.join(",", table.featureNames()) + ",label\n");
            for (int i : split.test()) {
                StringBuilder line = new StringBuilder();
                for (double v : table.rows().get(i)) {
                    line.append(v).append(',');
                }
                w.write(line.append(table.labels().get(i)).append('\n').toString());
            }
        }
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
