package dev.scoring.testing;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The function the build just packaged, as Quarkus recorded it in
 * {@code target/quarkus-artifact.properties}: the fast-jar, or with {@code -Dnative} the native
 * executable. Tests that start the function as a process of their own (graceful shutdown, Kafka
 * faults) start whichever it is, as {@code @QuarkusIntegrationTest} does.
 */
public final class PackagedArtifact {

    private static final Path TARGET = Path.of("target");

    private final String type;
    private final Path path;

    private PackagedArtifact(String type, Path path) {
        this.type = type;
        this.path = path;
    }

    public static PackagedArtifact current() {
        Path descriptor = TARGET.resolve("quarkus-artifact.properties");
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(descriptor)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("no packaged function: " + descriptor + " is missing; run mvn package", e);
        }
        return new PackagedArtifact(properties.getProperty("type"), TARGET.resolve(properties.getProperty("path")));
    }

    public boolean isNative() {
        return "native".equals(type);
    }

    /** The command that starts the function with these system properties. */
    public List<String> command(Map<String, String> systemProperties) {
        List<String> command = new ArrayList<>();
        command.add(isNative() ? path.toString() : Path.of(System.getProperty("java.home"), "bin", "java").toString());
        systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        if (!isNative()) {
            command.addAll(List.of("-jar", path.toString()));
        }
        return command;
    }
}
