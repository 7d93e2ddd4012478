package dev.scoring.runtime.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.tribuo.Model;
import org.tribuo.VariableInfo;
import org.tribuo.classification.Label;
import org.tribuo.regression.Regressor;
import org.tribuo.protos.core.ModelProto;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;

import dev.scoring.runtime.JsonErrors;
import dev.scoring.runtime.predict.LabelPredictor;
import dev.scoring.runtime.predict.Predictor;
import dev.scoring.runtime.predict.RegressionPredictor;

/**
 * Loads a model directory: {@code descriptor.json} and the Tribuo protobuf model file it names.
 * <p>
 * Every check that can fail at load time fails here, with a message an operator can act on: a
 * missing file, a checksum mismatch (the file is not the one that was trained and evaluated), a
 * file that is not a Tribuo protobuf model, and a descriptor that does not describe the model
 * (other features or labels). Java serialization is never used.
 */
public class ModelLoader {

    public static final String DESCRIPTOR_FILE = "descriptor.json";
    public static final String CLASSPATH_PREFIX = "classpath:";

    private final ObjectMapper mapper;

    public ModelLoader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * @param location a directory, either {@code classpath:<path>} or a file-system path
     */
    public LoadedModel load(String location) throws ModelLoadException {
        VerifiedFiles files = readVerified(location);
        ModelDescriptor descriptor = files.descriptor();
        Model<?> model = deserialize(files.modelBytes(), location + "/" + descriptor.model().file());
        checkFeatures(model, descriptor);
        checkOutputs(model, descriptor);
        return served(descriptor, model);
    }

    /**
     * Loads a model that the build has already verified with {@link #load}: the packaged model, whose
     * descriptor the build recorded. Only the model file is read and decoded; the descriptor is not parsed
     * again and neither the checksum nor the descriptor's agreement with the model is checked again, since
     * the file is the one in the application's own archive. Parsing the descriptor was most of a JVM's
     * model load at start-up (Jackson's record introspection, cold).
     *
     * @param descriptor the descriptor as the build verified it
     * @param location the directory the build found the model in, e.g. {@code classpath:model}
     */
    public static LoadedModel loadVerified(ModelDescriptor descriptor, String location) throws ModelLoadException {
        byte[] modelBytes = read(location, descriptor.model().file());
        return served(descriptor, deserialize(modelBytes, location + "/" + descriptor.model().file()));
    }

    private static LoadedModel served(ModelDescriptor descriptor, Model<?> model) {
        String[] featureNames = descriptor.features().stream().map(ModelDescriptor.Feature::name).toArray(String[]::new);
        Predictor predictor = descriptor.isRegression()
                ? new RegressionPredictor(model.castModel(Regressor.class), featureNames, descriptor)
                : new LabelPredictor(model.castModel(Label.class), featureNames, descriptor);
        return new LoadedModel(descriptor, predictor, model);
    }

    /**
     * The checks that need no Tribuo: the descriptor is complete and the model file is the one it
     * names, byte for byte (SHA-256). A native executable, which cannot decode a model at run time,
     * still runs these on a model it is pointed at, so that its readiness gives the same reason the
     * JVM gives for a missing or tampered file.
     *
     * @return the verified descriptor
     */
    public ModelDescriptor verify(String location) throws ModelLoadException {
        return readVerified(location).descriptor();
    }

    private VerifiedFiles readVerified(String location) throws ModelLoadException {
        ModelDescriptor descriptor = readDescriptor(location);
        checkDescriptor(descriptor, location);
        byte[] modelBytes = read(location, descriptor.model().file());
        verifyChecksum(descriptor, modelBytes, location);
        return new VerifiedFiles(descriptor, modelBytes);
    }

    private record VerifiedFiles(ModelDescriptor descriptor, byte[] modelBytes) {
    }

    private ModelDescriptor readDescriptor(String location) throws ModelLoadException {
        byte[] json = read(location, DESCRIPTOR_FILE);
        try {
            return mapper.readValue(json, ModelDescriptor.class);
        } catch (IOException e) {
            throw new ModelLoadException("descriptor " + location + "/" + DESCRIPTOR_FILE
                    + " is not valid JSON: " + JsonErrors.describe(e), e);
        }
    }

    private static void checkDescriptor(ModelDescriptor d, String location) throws ModelLoadException {
        String where = "descriptor " + location + "/" + DESCRIPTOR_FILE;
        if (isBlank(d.name()) || isBlank(d.version())) {
            throw new ModelLoadException(where + " must name the model and its version");
        }
        if (!ModelDescriptor.TASK_CLASSIFICATION.equals(d.task()) && !d.isRegression()) {
            throw new ModelLoadException(where + " has task '" + d.task()
                    + "'; this runtime serves 'classification' and 'regression' models");
        }
        if (d.model() == null || isBlank(d.model().file()) || isBlank(d.model().sha256())) {
            throw new ModelLoadException(where + " must give model.file and model.sha256");
        }
        if (!ModelDescriptor.ModelFile.FORMAT_TRIBUO_PROTOBUF.equals(d.model().format())) {
            throw new ModelLoadException(where + " has model.format '" + d.model().format()
                    + "'; only 'tribuo-protobuf' is accepted (Java serialization never is)");
        }
        if (d.features() == null || d.features().isEmpty()) {
            throw new ModelLoadException(where + " lists no features");
        }
        Set<String> seen = new HashSet<>();
        for (ModelDescriptor.Feature f : d.features()) {
            if (isBlank(f.name()) || !seen.add(f.name())) {
                throw new ModelLoadException(where + " has a blank or repeated feature name: '" + f.name() + "'");
            }
            if (!ModelDescriptor.Feature.TYPE_DOUBLE.equals(f.type())) {
                throw new ModelLoadException(where + " gives feature '" + f.name() + "' the type '" + f.type()
                        + "'; only 'double' is supported");
            }
            if (!(f.min() <= f.max())) {
                throw new ModelLoadException(where + " gives feature '" + f.name() + "' a min above its max");
            }
        }
        if (d.isRegression()) {
            if (d.target() == null || isBlank(d.target().name())) {
                throw new ModelLoadException(where + " names no target for a regression model");
            }
        } else if (d.labels() == null || d.labels().isEmpty()) {
            throw new ModelLoadException(where + " lists no labels for a classification model");
        }
    }

    private static void verifyChecksum(ModelDescriptor d, byte[] modelBytes, String location)
            throws ModelLoadException {
        String actual = sha256Hex(modelBytes);
        if (!actual.equalsIgnoreCase(d.model().sha256())) {
            throw new ModelLoadException("checksum mismatch for " + location + "/" + d.model().file()
                    + ": descriptor says sha256 " + d.model().sha256() + ", file has " + actual
                    + "; refusing to serve a model that is not the one that was trained and evaluated");
        }
    }

    private static Model<?> deserialize(byte[] modelBytes, String where) throws ModelLoadException {
        try {
            return Model.deserialize(ModelProto.parseFrom(modelBytes));
        } catch (InvalidProtocolBufferException e) {
            throw new ModelLoadException(where + " is not a Tribuo protobuf model: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // Tribuo reports unknown model classes and bad provenance as unchecked exceptions.
            throw new ModelLoadException(where + " could not be decoded as a Tribuo model: " + e, e);
        }
    }

    /** The model predicts what the descriptor says: its labels, or its regression target. */
    private static void checkOutputs(Model<?> model, ModelDescriptor d) throws ModelLoadException {
        if (d.isRegression()) {
            checkRegressionTarget(model, d);
        } else {
            checkLabels(model, d);
        }
    }

    private static void checkLabels(Model<?> model, ModelDescriptor d) throws ModelLoadException {
        if (!model.validate(Label.class)) {
            throw new ModelLoadException("the descriptor says classification but the model predicts "
                    + outputKind(model));
        }
        Set<String> modelLabels = new TreeSet<>();
        for (Label label : model.castModel(Label.class).getOutputIDInfo().getDomain()) {
            modelLabels.add(label.getLabel());
        }
        if (!modelLabels.equals(new TreeSet<>(d.labels()))) {
            throw new ModelLoadException("model labels " + modelLabels + " differ from the descriptor's " + d.labels());
        }
    }

    private static void checkRegressionTarget(Model<?> model, ModelDescriptor d) throws ModelLoadException {
        if (!model.validate(Regressor.class)) {
            throw new ModelLoadException("the descriptor says regression but the model predicts " + outputKind(model));
        }
        Set<String> dimensions = new TreeSet<>();
        for (Regressor r : model.castModel(Regressor.class).getOutputIDInfo().getDomain()) {
            dimensions.addAll(List.of(r.getNames()));
        }
        if (!dimensions.equals(Set.of(d.target().name()))) {
            throw new ModelLoadException("model predicts " + dimensions + ", the descriptor's target is '"
                    + d.target().name() + "'");
        }
    }

    private static String outputKind(Model<?> model) {
        Object anyOutput = model.getOutputIDInfo().getDomain().stream().findFirst().orElse(null);
        return anyOutput == null ? "nothing" : anyOutput.getClass().getSimpleName() + " outputs";
    }

    /**
     * The descriptor is written by the trainer from the same dataset, so a mismatch means the two
     * files were mixed up; serving would silently ignore or zero features.
     */
    private static void checkFeatures(Model<?> model, ModelDescriptor d) throws ModelLoadException {
        Set<String> modelFeatures = new TreeSet<>();
        for (VariableInfo info : model.getFeatureIDMap()) {
            modelFeatures.add(info.getName());
        }
        List<String> descriptorFeatures = d.features().stream().map(ModelDescriptor.Feature::name).toList();
        if (!modelFeatures.equals(new TreeSet<>(descriptorFeatures))) {
            throw new ModelLoadException("model features " + modelFeatures
                    + " differ from the descriptor's " + descriptorFeatures);
        }
    }

    private static byte[] read(String location, String file) throws ModelLoadException {
        if (location.startsWith(CLASSPATH_PREFIX)) {
            String resource = stripSlashes(location.substring(CLASSPATH_PREFIX.length())) + "/" + file;
            ClassLoader cl = Thread.currentThread().getContextClassLoader();
            try (InputStream in = cl.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new ModelLoadException("model file missing: classpath resource " + resource + " not found");
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new ModelLoadException("cannot read classpath resource " + resource + ": " + e.getMessage(), e);
            }
        }
        Path path = Path.of(location, file);
        try {
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new ModelLoadException("model file missing: " + path.toAbsolutePath() + " does not exist", e);
        } catch (IOException e) {
            throw new ModelLoadException("cannot read " + path.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String stripSlashes(String path) {
        String p = path;
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
