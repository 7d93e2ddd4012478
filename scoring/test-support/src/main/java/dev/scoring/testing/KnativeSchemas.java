package dev.scoring.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Every upstream CRD schema in {@code knative/schemas/}, one validator per served version, so a
 * manifest's resources can each be checked against the schema of their own kind and version.
 */
public final class KnativeSchemas {

    private final List<CrdSchemaValidator> validators;

    private KnativeSchemas(List<CrdSchemaValidator> validators) {
        this.validators = validators;
    }

    public static KnativeSchemas load(Path dir) throws IOException {
        List<CrdSchemaValidator> validators = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path crd : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                for (String version : CrdSchemaValidator.servedVersions(crd)) {
                    validators.add(CrdSchemaValidator.forCrd(crd, version));
                }
            }
        }
        return new KnativeSchemas(validators);
    }

    /** The directory tests get from the build ({@code knative.schemas}), or the path from a function module. */
    public static Path defaultDirectory() {
        return Path.of(System.getProperty("knative.schemas", "../../knative/schemas"));
    }

    public Optional<CrdSchemaValidator> validatorFor(JsonNode resource) {
        return validators.stream().filter(v -> v.appliesTo(resource)).findFirst();
    }
}
