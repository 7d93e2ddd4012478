package dev.scoring.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What every function's generated Knative Service ({@code target/kubernetes/knative.yml}) must be:
 * valid against the upstream Knative Serving CRD schema, scaling to zero, with resources, the three
 * probes, a restricted security context, and the model's name and version as labels. A function's
 * integration test ({@code *IT}, run by {@code ./mvnw verify} after the build wrote the file)
 * extends this.
 */
public abstract class KnativeServiceContract {

    protected final PackagedModel model = PackagedModel.fromClassPath();
    protected JsonNode service;
    protected CrdSchemaValidator validator;
    protected List<JsonNode> resources;

    @BeforeEach
    void readManifest() throws IOException {
        Path manifest = Path.of(System.getProperty("knative.manifest", "target/kubernetes/knative.yml"));
        Path schemas = Path.of(System.getProperty("knative.schemas", "../../knative/schemas"));
        validator = CrdSchemaValidator.forCrd(schemas.resolve("service.yaml"), "v1");
        resources = CrdSchemaValidator.readManifests(manifest);
        List<JsonNode> services = resources.stream().filter(validator::appliesTo).toList();
        assertEquals(1, services.size(), "one Knative Service in " + manifest);
        service = services.get(0);
    }

    @Test
    public void isValidAgainstTheUpstreamKnativeServingSchema() {
        assertEquals(List.of(), validator.validate(service));
    }

    @Test
    public void containsNothingButTheService() {
        assertEquals(1, resources.size(), "no ServiceMonitor with an empty selector, nothing cluster-wide");
    }

    @Test
    public void scalesToZeroOnConcurrency() {
        JsonNode annotations = service.at("/spec/template/metadata/annotations");
        assertEquals("0", annotations.path("autoscaling.knative.dev/min-scale").asText());
        assertTrue(annotations.path("autoscaling.knative.dev/max-scale").asInt() > 0);
        assertEquals("concurrency", annotations.path("autoscaling.knative.dev/metric").asText());
        assertTrue(annotations.path("autoscaling.knative.dev/target").asInt() > 0);
    }

    @Test
    public void requestsAndLimitsCpuAndMemory() {
        JsonNode resources = container().path("resources");
        for (String kind : List.of("requests", "limits")) {
            assertTrue(resources.path(kind).has("cpu"), kind + ".cpu");
            assertTrue(resources.path(kind).has("memory"), kind + ".memory");
        }
    }

    @Test
    public void wiresTheThreeProbesToTheHealthEndpoints() {
        assertEquals("/q/health/live", container().at("/livenessProbe/httpGet/path").asText());
        assertEquals("/q/health/ready", container().at("/readinessProbe/httpGet/path").asText());
        assertEquals("/q/health/started", container().at("/startupProbe/httpGet/path").asText());
    }

    @Test
    public void runsAsNonRootWithAReadOnlyRootFileSystem() {
        JsonNode security = container().path("securityContext");
        assertTrue(security.path("runAsNonRoot").asBoolean());
        assertTrue(security.path("readOnlyRootFilesystem").asBoolean());
        assertEquals(false, security.path("allowPrivilegeEscalation").asBoolean(true));
        assertEquals("ALL", security.at("/capabilities/drop/0").asText());
        assertEquals("RuntimeDefault", security.at("/seccompProfile/type").asText());
    }

    @Test
    public void namesItsImageAndItsModel() {
        String image = container().path("image").asText();
        assertTrue(image.matches(".*/" + model.name() + ":[^:]+"), image);
        assertEquals(model.name(), service.at("/metadata/name").asText());
        assertEquals(model.name(), service.at("/metadata/labels/scoring.dev~1model").asText());
        assertEquals(model.version(), service.at("/metadata/labels/scoring.dev~1model-version").asText());
        assertEquals(model.descriptor().at("/model/sha256").asText(),
                service.at("/metadata/annotations/scoring.dev~1model-sha256").asText());
    }

    protected JsonNode container() {
        return service.at("/spec/template/spec/containers/0");
    }
}
