package dev.scoring.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.scoring.runtime.model.LoadedModel;
import dev.scoring.runtime.model.ModelLoader;

class TrainModelTest {

    private static final Path MODELS = Path.of(System.getProperty("models.dir", "..")).toAbsolutePath().normalize();
    private static final Path IRIS = MODELS.resolve("iris");

    @TempDir
    static Path retrained;

    private static TrainingResult result;

    @BeforeAll
    static void retrainIris() throws Exception {
        result = TrainModel.train(IRIS.resolve("spec.json"), retrained);
    }

    @Test
    void heldOutAccuracyAndMacroF1MeetTheGate() {
        assertTrue(result.metrics().get("accuracy") >= 0.9, "accuracy " + result.metrics());
        assertTrue(result.metrics().get("macroF1") >= 0.9, "macro-F1 " + result.metrics());
        assertTrue(result.metrics().get("accuracy") > result.metrics().get("baselineAccuracy"),
                "the model beats the majority-class baseline");
    }

    @Test
    void retrainingGivesTheCommittedModelsPredictionsAndMetrics() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        LoadedModel committed = new ModelLoader(mapper).load(IRIS.toString());
        LoadedModel fresh = new ModelLoader(mapper).load(retrained.toString());
        assertEquals(committed.descriptor().metrics(), fresh.descriptor().metrics());
        assertEquals(committed.descriptor().features(), fresh.descriptor().features());
        assertEquals(Files.readString(IRIS.resolve("holdout.csv")), Files.readString(result.holdoutFile()),
                "the seeded split holds out the same rows");
        for (double[] row : holdoutFeatures()) {
            assertEquals(predict(committed.model(), committed.featureNames(), row),
                    predict(fresh.model(), fresh.featureNames(), row));
        }
    }

    @Test
    void committedArtefactsAreWhatTheRuntimeLoads() throws Exception {
        LoadedModel committed = new ModelLoader(new ObjectMapper()).load(IRIS.toString());
        assertEquals("iris", committed.name());
        assertEquals(List.of("setosa", "versicolor", "virginica"), committed.descriptor().labels());
        assertEquals(TrainModel.sha256Hex(Files.readAllBytes(IRIS.resolve("iris.csv"))),
                committed.descriptor().training().datasetSha256());
    }

    @Test
    void aModelBelowTheGateIsRefusedWithTheMetricAndTheGate(@TempDir Path dir) throws IOException {
        Path spec = dir.resolve("spec.json");
        Files.copy(IRIS.resolve("iris.csv"), dir.resolve("iris.csv"));
        Files.writeString(spec, Files.readString(IRIS.resolve("spec.json"))
                .replace("\"accuracy\": 0.9", "\"accuracy\": 1.01"));
        QualityGateException e = assertThrows(QualityGateException.class, () -> TrainModel.train(spec, dir));
        assertTrue(e.getMessage().contains("accuracy") && e.getMessage().contains("1.0100"), e.getMessage());
        assertTrue(Files.notExists(dir.resolve("model.tribuo")), "nothing is written below the gate");
    }

    @Test
    void theSplitIsStratifiedAndSeeded() {
        List<String> labels = java.util.stream.IntStream.range(0, 150)
                .mapToObj(i -> i < 50 ? "a" : i < 100 ? "b" : "c").toList();
        StratifiedSplit first = StratifiedSplit.of(labels, 0.2, 7);
        assertEquals(first, StratifiedSplit.of(labels, 0.2, 7));
        assertTrue(!first.equals(StratifiedSplit.of(labels, 0.2, 8)));
        assertEquals(30, first.test().size());
        assertEquals(List.of(10L, 10L, 10L), first.test().stream()
                .collect(Collectors.groupingBy(labels::get, java.util.TreeMap::new, Collectors.counting()))
                .values().stream().toList());
    }

    private static String predict(Model<Label> model, String[] names, double[] row) {
        return model.predict(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names, row)).getOutput().getLabel();
    }

    private static List<double[]> holdoutFeatures() throws IOException {
        return Files.readAllLines(IRIS.resolve("holdout.csv")).stream().skip(1).map(line -> {
            String[] cells = line.split(",");
            double[] values = new double[cells.length - 1];
            for (int i = 0; i < values.length; i++) {
                values[i] = Double.parseDouble(cells[i]);
            }
            return values;
        }).toList();
    }
}
