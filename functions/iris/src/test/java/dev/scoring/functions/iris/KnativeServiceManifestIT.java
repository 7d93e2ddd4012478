package dev.scoring.functions.iris;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.scoring.testing.CrdSchemaValidator;

/**
 * Checks the Knative Service the build wrote to target/kubernetes/knative.yml: valid against the
 * upstream Knative Serving CRD schema (strictly: no unknown fields, no stray nulls) and carrying
 * what a scale-to-zero scoring function needs.
 */
class KnativeServiceManifestIT {

    private static JsonNode service;
    private static CrdSchemaValidator validator;

    @BeforeAll
    static void readManifest() throws Exception {
        Path manifest = Path.of(System.getProperty("knative.manifest", "target/kubernetes/knative.yml"));
        Path schemas = Path.of(System.getProperty("knative.schemas", "../../knative/schemas"));
        validator = CrdSchemaValidator.forCrd(schemas.resolve("service.yaml"), "v1");
        List<JsonNode> resources = CrdSchemaValidator.readManifests(manifest);
        List<JsonNode> services = resources.stream().filter(validator::appliesTo).toList();
        assertEquals(1, services.size(), "one Knative Service in " + manifest);
        service = services.get(0);
        assertEquals(1, resources.size(), "nothing but the Service (no ServiceMonitor with an empty selector)");
    }

    @Test
    void isValidAgainstTheUpstreamKnativeServingSchema() {
        assertEquals(List.of(), validator.validate(service));
    }

    @Test
    void scalesToZeroWithAMaximumAndAConcurrencyTarget() {
        JsonNode annotations = service.at("/spec/template/metadata/annotations");
        assertEquals("0", annotations.path("autoscaling.knative.dev/min-scale").asText());
        assertEquals("5", annotations.path("autoscaling.knative.dev/max-scale").asText());
        assertEquals("concurrency", annotations.path("autoscaling.knative.dev/metric").asText());
        assertEquals("50", annotations.path("autoscaling.knative.dev/target").asText());
    }

    @Test
    void requestsAndLimitsCpuAndMemory() {
        JsonNode resources = container().path("resources");
        for (String kind : List.of("requests", "limits")) {
            assertTrue(resources.path(kind).has("cpu"), kind + ".cpu");
            assertTrue(resources.path(kind).has("memory"), kind + ".memory");
        }
    }

    @Test
    void wiresTheThreeProbesToTheHealthEndpoints() {
        assertEquals("/q/health/live", container().at("/livenessProbe/httpGet/path").asText());
        assertEquals("/q/health/ready", container().at("/readinessProbe/httpGet/path").asText());
        assertEquals("/q/health/started", container().at("/startupProbe/httpGet/path").asText());
    }

    @Test
    void runsAsNonRootWithAReadOnlyRootFileSystem() {
        JsonNode security = container().path("securityContext");
        assertTrue(security.path("runAsNonRoot").asBoolean());
        assertTrue(security.path("readOnlyRootFilesystem").asBoolean());
        assertEquals(false, security.path("allowPrivilegeEscalation").asBoolean(true));
        assertEquals("ALL", security.at("/capabilities/drop/0").asText());
        assertEquals("RuntimeDefault", security.at("/seccompProfile/type").asText());
    }

    @Test
    void namesItsImageAndItsModel() {
        assertTrue(container().path("image").asText().matches(".*/iris:[^:]+"), container().path("image").asText());
        assertEquals("iris", service.at("/metadata/name").asText());
        assertEquals("iris", service.at("/metadata/labels/scoring.dev~1model").asText());
        assertEquals("1.0.0", service.at("/metadata/labels/scoring.dev~1model-version").asText());
    }

    private static JsonNode container() {
        return service.at("/spec/template/spec/containers/0");
    }
}
