package dev.scoring.runtime.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

class ModelLoaderTest {

    private static final Path IRIS = Path.of(System.getProperty("models.dir", "../../models")).resolve("iris");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void loadsAndVerifiesTheIrisModel() throws Exception {
        LoadedModel model = new ModelLoader(MAPPER).load(IRIS.toString());
        assertEquals("iris", model.name());
        assertEquals("1.0.0", model.version());
        assertArrayEquals(new String[] { "sepal_length", "sepal_width", "petal_length", "petal_width" },
                model.featureNames());
        assertTrue(model.predictor() instanceof dev.scoring.runtime.predict.LabelPredictor);
    }

    @Test
    void aMissingModelFileIsReportedWithItsPath() throws Exception {
        Files.copy(IRIS.resolve("descriptor.json"), dir.resolve("descriptor.json"));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> load());
        assertTrue(e.getMessage().contains("model file missing") && e.getMessage().contains("model.tribuo"),
                e.getMessage());
    }

    @Test
    void aMissingDescriptorIsReported() {
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> load());
        assertTrue(e.getMessage().contains("descriptor.json"), e.getMessage());
    }

    @Test
    void aChangedModelFileFailsTheChecksum() throws Exception {
        copyIris();
        byte[] bytes = Files.readAllBytes(dir.resolve("model.tribuo"));
        bytes[100] ^= 0x40;
        Files.write(dir.resolve("model.tribuo"), bytes);
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> load());
        assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
    }

    @Test
    void aCorruptFileWithAMatchingChecksumIsNotDecoded() throws Exception {
        byte[] garbage = new byte[4096];
        new Random(1).nextBytes(garbage);
        writeModelWithDescriptor(garbage);
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> load());
        assertTrue(e.getMessage().contains("not a Tribuo protobuf model")
                || e.getMessage().contains("could not be decoded"), e.getMessage());
    }

    @Test
    void aJavaSerializedFileIsNeverDeserialized() throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new java.util.ArrayList<>(java.util.List.of("not", "a", "model")));
        }
        writeModelWithDescriptor(bytes.toByteArray());
        assertThrows(ModelLoadException.class, () -> load());
    }

    @Test
    void aDescriptorThatAsksForJavaSerializationIsRefused() throws Exception {
        copyIris();
        ObjectNode descriptor = (ObjectNode) MAPPER.readTree(dir.resolve("descriptor.json").toFile());
        ((ObjectNode) descriptor.get("model")).put("format", "java-serialization");
        MAPPER.writeValue(dir.resolve("descriptor.json").toFile(), descriptor);
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> load());
        assertTrue(e.getMessage().contains("tribuo-protobuf"), e.getMessage());
    }

    @Test
    void aDescriptorWhoseFeaturesDifferFromTheModelIsRefused() throws Exception {
        copyIris();
        ObjectNode descriptor = (ObjectNode) MAPPER.readTree(dir.resolve("descriptor.json").toFile());
        ((ObjectNode) descriptor.get("features").get(0)).put("name", "sepal_len");
        MAPPER.writeValue(dir.resolve("descriptor.json").toFile(), descriptor);
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> load());
        assertTrue(e.getMessage().contains("differ"), e.getMessage());
    }

    @Test
    void loadsFromTheClassPath() {
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> new ModelLoader(MAPPER).load("classpath:no/such/model"));
        assertTrue(e.getMessage().contains("classpath resource no/such/model/descriptor.json"), e.getMessage());
    }

    @Test
    void aModelTheBuildVerifiedIsDecodedFromItsRecordedDescriptorWithoutReadingADescriptorFile() throws Exception {
        ModelDescriptor recorded = new ModelLoader(MAPPER).verify(IRIS.toString());
        Files.copy(IRIS.resolve("model.tribuo"), dir.resolve("model.tribuo"));
        LoadedModel model = ModelLoader.loadVerified(recorded, dir.toString());
        assertEquals(recorded, model.descriptor());
        assertArrayEquals(new String[] { "sepal_length", "sepal_width", "petal_length", "petal_width" },
                model.featureNames());
        assertTrue(model.predictor() instanceof dev.scoring.runtime.predict.LabelPredictor);
    }

    @Test
    void aVerifiedModelWhoseFileIsGoneIsReportedWithItsPath() throws Exception {
        ModelDescriptor recorded = new ModelLoader(MAPPER).verify(IRIS.toString());
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> ModelLoader.loadVerified(recorded, dir.toString()));
        assertTrue(e.getMessage().contains("model file missing") && e.getMessage().contains("model.tribuo"),
                e.getMessage());
    }

    private LoadedModel load() throws ModelLoadException {
        return new ModelLoader(MAPPER).load(dir.toString());
    }

    private void copyIris() throws IOException {
        Files.copy(IRIS.resolve("descriptor.json"), dir.resolve("descriptor.json"));
        Files.copy(IRIS.resolve("model.tribuo"), dir.resolve("model.tribuo"));
    }

    private void writeModelWithDescriptor(byte[] modelBytes) throws IOException {
        Files.write(dir.resolve("model.tribuo"), modelBytes);
        ObjectNode descriptor = (ObjectNode) MAPPER.readTree(IRIS.resolve("descriptor.json").toFile());
        ((ObjectNode) descriptor.get("model")).put("sha256", ModelLoader.sha256Hex(modelBytes));
        MAPPER.writeValue(dir.resolve("descriptor.json").toFile(), descriptor);
    }
}
