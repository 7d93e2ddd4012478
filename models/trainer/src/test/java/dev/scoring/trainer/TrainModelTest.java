package dev.scoring.trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.scoring.runtime.model.LoadedModel;
import dev.scoring.runtime.model.ModelLoader;

class TrainModelTest {

    private static final Path MODELS = Path.of(System.getProperty("models.dir", "..")).toAbsolutePath().normalize();

    static Stream<String> models() throws IOException {
        try (Stream<Path> dirs = Files.list(MODELS)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("spec.json")))
                    .map(d -> d.getFileName().toString()).sorted().toList().stream();
        }
    }

    @Test
    void theFourReferenceModelsAreHere() throws IOException {
        assertTrue(models().toList().containsAll(List.of("breast-cancer", "diabetes", "iris", "wine")),
                models().toList().toString());
    }

    @ParameterizedTest
    @MethodSource("models")
    void retrainingFromTheSpecGivesTheCommittedFilesByteForByte(String name, @TempDir Path out) throws Exception {
        Path dir = MODELS.resolve(name);
        TrainingResult result = TrainModel.train(dir.resolve("spec.json"), out);
        assertArrayEquals(Files.readAllBytes(dir.resolve("model.tribuo")), Files.readAllBytes(result.modelFile()),
                name + ": model.tribuo");
        assertEquals(Files.readString(dir.resolve("descriptor.json")), Files.readString(result.descriptorFile()),
                name + ": descriptor.json");
        assertEquals(Files.readString(dir.resolve("holdout.csv")), Files.readString(result.holdoutFile()),
                name + ": holdout.csv");
    }

    @ParameterizedTest
    @MethodSource("models")
    void theCommittedModelLoadsInTheScoringRuntimeAndBeatsItsBaseline(String name) throws Exception {
        LoadedModel model = new ModelLoader(new ObjectMapper()).load(MODELS.resolve(name).toString());
        Map<String, Double> m = model.descriptor().metrics();
        if (model.descriptor().isRegression()) {
            assertTrue(m.get("rmse") < m.get("baselineRmse"), name + " " + m);
            assertTrue(m.get("r2") > m.get("baselineR2"), name + " " + m);
        } else {
            assertTrue(m.get("accuracy") > m.get("baselineAccuracy"), name + " " + m);
            assertTrue(m.get("macroF1") > m.get("baselineMacroF1"), name + " " + m);
        }
        assertEquals(TrainModel.sha256Hex(Files.readAllBytes(MODELS.resolve(name).resolve(
                model.descriptor().training().dataset()))), model.descriptor().training().datasetSha256());
    }

    @Test
    void aWeakSpecFailsItsGateAndWritesNothing(@TempDir Path dir) throws IOException {
        Path spec = copySpec("iris", dir);
        Files.writeString(spec, Files.readString(spec).replace("\"accuracy\": 0.9", "\"accuracy\": 0.99")
                .replace("\"epochs\": 100", "\"epochs\": 1"));
        QualityGateException e = assertThrows(QualityGateException.class, () -> TrainModel.train(spec, dir));
        assertTrue(e.getMessage().contains("held-out accuracy") && e.getMessage().contains("below the gate 0.9900"),
                e.getMessage());
        assertTrue(Files.notExists(dir.resolve("model.tribuo")), "nothing is written below the gate");
    }

    @Test
    void anErrorMetricGateIsAMaximum(@TempDir Path dir) throws IOException {
        Path spec = copySpec("diabetes", dir);
        Files.writeString(spec, Files.readString(spec).replace("\"rmse\": 65.0", "\"rmse\": 10.0"));
        QualityGateException e = assertThrows(QualityGateException.class, () -> TrainModel.train(spec, dir));
        assertTrue(e.getMessage().contains("held-out rmse") && e.getMessage().contains("above the gate 10.0000"),
                e.getMessage());
    }

    @Test
    void aGateOnAnUnknownMetricIsRefused(@TempDir Path dir) throws IOException {
        Path spec = copySpec("iris", dir);
        Files.writeString(spec, Files.readString(spec).replace("\"macroF1\": 0.9", "\"auc\": 0.9"));
        QualityGateException e = assertThrows(QualityGateException.class, () -> TrainModel.train(spec, dir));
        assertTrue(e.getMessage().contains("unknown metric 'auc'"), e.getMessage());
    }

    @Test
    void theStratifiedSplitIsSeededAndKeepsClassShares() {
        List<String> labels = IntStream.range(0, 150).mapToObj(i -> i < 50 ? "a" : i < 100 ? "b" : "c").toList();
        Split first = Split.stratified(labels, 0.2, 7);
        assertEquals(first, Split.stratified(labels, 0.2, 7));
        assertNotEquals(first, Split.stratified(labels, 0.2, 8));
        assertEquals(List.of(10L, 10L, 10L), first.test().stream()
                .collect(Collectors.groupingBy(labels::get, TreeMap::new, Collectors.counting())).values()
                .stream().toList());
    }

    @Test
    void theShuffledSplitIsSeededAndDisjoint() {
        Split split = Split.shuffled(442, 0.2, 7);
        assertEquals(split, Split.shuffled(442, 0.2, 7));
        assertEquals(88, split.test().size());
        assertEquals(354, split.train().size());
        assertTrue(split.test().stream().noneMatch(split.train()::contains));
    }

    @Test
    void metricsMatchHandComputedValues() {
        List<String> truth = List.of("a", "a", "b", "b");
        List<String> predicted = List.of("a", "b", "b", "b");
        assertEquals(0.75, Metrics.accuracy(truth, predicted));
        // F1(a) = 2*1/(2+0+1) = 2/3, F1(b) = 2*2/(4+1+0) = 4/5
        assertEquals((2.0 / 3 + 4.0 / 5) / 2, Metrics.macroF1(truth, predicted, List.of("a", "b")), 1e-15);
        double[] y = { 1, 2, 3 };
        double[] p = { 1, 2, 5 };
        assertEquals(Math.sqrt(4.0 / 3), Metrics.rmse(y, p), 1e-15);
        assertEquals(1 - 4.0 / 2, Metrics.r2(y, p), 1e-15);
    }

    private static Path copySpec(String name, Path dir) throws IOException {
        try (Stream<Path> files = Files.list(MODELS.resolve(name))) {
            for (Path f : files.toList()) {
                if (f.getFileName().toString().endsWith(".csv") || f.getFileName().toString().equals("spec.json")) {
                    Files.copy(f, dir.resolve(f.getFileName()));
                }
            }
        }
        return dir.resolve("spec.json");
    }
}
