package dev.scoring.bench.jmh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.protos.core.ModelProto;

/**
 * The compute floor of a scoring function: what Tribuo's {@code predict} costs for the rows the HTTP
 * benchmarks send, without HTTP, JSON, validation or metrics. An example is built per row inside the
 * measured method, as the function's predictor does, because a request always brings new rows.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TribuoPredictBenchmark {

    /** Directory holding model.tribuo and holdout.csv (models/iris). */
    @Param("models/iris")
    public String modelDir;

    private Model<Label> model;
    private String[] featureNames;
    private double[] oneRow;
    private double[][] batchRows;

    @Setup
    public void load() throws IOException {
        Path dir = Path.of(modelDir);
        Model<?> loaded = Model.deserialize(ModelProto.parseFrom(Files.readAllBytes(dir.resolve("model.tribuo"))));
        if (!loaded.validate(Label.class)) {
            throw new IllegalStateException(dir + "/model.tribuo is not a classification model");
        }
        model = loaded.castModel(Label.class);
        BenchRows rows = BenchRows.fromHoldout(dir.resolve("holdout.csv"));
        featureNames = rows.featureNames();
        oneRow = rows.row(0);
        batchRows = rows.cycled(BenchRows.BATCH_SIZE);
    }

    @Benchmark
    public Prediction<Label> predictOneRow() {
        return model.predict(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, featureNames, oneRow));
    }

    @Benchmark
    public List<Prediction<Label>> predictBatchOf100() {
        List<Example<Label>> examples = new ArrayList<>(batchRows.length);
        for (double[] row : batchRows) {
            examples.add(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, featureNames, row));
        }
        return model.predict(examples);
    }
}
