package dev.scoring.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

class CrdSchemaValidatorTest {

    private static final Path SCHEMAS = Path.of(System.getProperty("knative.schemas", "../../knative/schemas"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static CrdSchemaValidator services;

    @BeforeAll
    static void loadSchema() throws Exception {
        services = CrdSchemaValidator.forCrd(SCHEMAS.resolve("service.yaml"), "v1");
    }

    @Test
    void aMinimalKnativeServiceIsValid() throws Exception {
        assertEquals("serving.knative.dev/v1", services.apiVersion());
        assertTrue(services.appliesTo(minimalService()));
        assertEquals(List.of(), services.validate(minimalService()));
    }

    @Test
    void anUnknownFieldIsAViolation() throws Exception {
        ObjectNode service = minimalService();
        ((ObjectNode) service.at("/spec/template/spec")).put("containerConcurency", 10);
        assertFalse(services.validate(service).isEmpty());
    }

    @Test
    void aWrongTypeIsAViolation() throws Exception {
        ObjectNode service = minimalService();
        ((ObjectNode) service.at("/spec/template/spec")).put("containerConcurrency", "lots");
        List<String> violations = services.validate(service);
        assertTrue(violations.stream().anyMatch(m -> m.contains("containerConcurrency")), violations.toString());
    }

    @Test
    void aNullProbePortIsAViolation() throws Exception {
        ObjectNode service = minimalService();
        JsonNode probe = JSON.readTree("{\"httpGet\": {\"path\": \"/q/health/ready\", \"port\": null}}");
        ((ObjectNode) service.at("/spec/template/spec/containers/0")).set("readinessProbe", probe);
        assertFalse(services.validate(service).isEmpty());
    }

    private static ObjectNode minimalService() throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"apiVersion": "serving.knative.dev/v1", "kind": "Service",
                 "metadata": {"name": "iris"},
                 "spec": {"template": {"spec": {"containers": [
                     {"image": "scoring/iris:1", "ports": [{"containerPort": 8080}]}]}}}}
                """);
    }
}
