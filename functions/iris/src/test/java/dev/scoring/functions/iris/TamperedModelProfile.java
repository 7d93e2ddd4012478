package dev.scoring.functions.iris;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Serves a copy of the iris model with one byte of the model file changed, so its SHA-256 no longer
 * matches the descriptor.
 */
public class TamperedModelProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        try {
            Path dir = Files.createTempDirectory("tampered-model");
            copy("model/descriptor.json", dir.resolve("descriptor.json"));
            Path model = dir.resolve("model.tribuo");
            copy("model/model.tribuo", model);
            byte[] bytes = Files.readAllBytes(model);
            bytes[bytes.length / 2] ^= 0x01;
            Files.write(model, bytes);
            dir.toFile().deleteOnExit();
            return Map.of("scoring.model.location", dir.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(String resource, Path target) throws IOException {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            Files.copy(in, target);
        }
    }
}
