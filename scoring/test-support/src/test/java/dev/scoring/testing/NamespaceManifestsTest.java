package dev.scoring.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The checked-in namespace pieces in knative/namespace/ are valid against the upstream schemas. */
class NamespaceManifestsTest {

    private static final Path SCHEMAS = Path.of(System.getProperty("knative.schemas", "../../knative/schemas"));
    private static final Path NAMESPACE = SCHEMAS.getParent().resolve("namespace");

    @Test
    void everyCustomResourceIsValidAndEveryOtherIsACoreKind() throws Exception {
        KnativeSchemas schemas = KnativeSchemas.load(SCHEMAS);
        List<Path> files;
        try (Stream<Path> list = Files.list(NAMESPACE)) {
            files = list.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertFalse(files.isEmpty());
        int checked = 0;
        for (Path file : files) {
            for (JsonNode resource : CrdSchemaValidator.readManifests(file)) {
                String what = file.getFileName() + ": " + resource.path("kind").asText();
                if ("v1".equals(resource.path("apiVersion").asText())) {
                    assertEquals("ConfigMap", resource.path("kind").asText(), what);
                    continue;
                }
                CrdSchemaValidator v = schemas.validatorFor(resource).orElseThrow(() -> new AssertionError(what));
                assertEquals(List.of(), v.validate(resource), what);
                checked++;
            }
        }
        assertTrue(checked >= 2, "the Broker and the dead-letter KafkaSink were checked");
    }

    @Test
    void aTriggerWithAnUnknownFieldIsRejected() throws Exception {
        KnativeSchemas schemas = KnativeSchemas.load(SCHEMAS);
        JsonNode trigger = new com.fasterxml.jackson.databind.ObjectMapper().readTree("""
                {"apiVersion": "eventing.knative.dev/v1", "kind": "Trigger", "metadata": {"name": "t"},
                 "spec": {"broker": "default", "subscriber": {"ref": {"apiVersion": "v1", "kind": "Service", "name": "s"}},
                          "filters": {"type": "x"}, "deliver": {"retry": 3}}}""");
        assertFalse(schemas.validatorFor(trigger).orElseThrow().validate(trigger).isEmpty());
    }
}
