package dev.scoring.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.scoring.manifests.FunctionResources;
import dev.scoring.manifests.FunctionService;
import dev.scoring.manifests.NetworkPolicies;
import dev.scoring.manifests.NetworkPolicySettings;
import dev.scoring.manifests.SameResources;
import dev.scoring.manifests.ServingSettings;
import dev.scoring.manifests.scoringfunction.CrdWriter;
import dev.scoring.manifests.scoringfunction.ScoringFunction;
import io.fabric8.knative.serving.v1.Service;

/**
 * What every function's generated Knative Service ({@code target/kubernetes/knative.yml}) must be:
 * valid against the upstream Knative Serving CRD schema, scaling to zero, with resources, the probes, a
 * restricted security context, and the model's name and version as labels; cluster-local, with a
 * NetworkPolicy valid against the upstream networking.k8s.io/v1 schema. A function's
 * integration test ({@code *IT}, run by {@code ./mvnw verify} after the build wrote the file)
 * extends this.
 */
public abstract class KnativeServiceContract {

    private static final ObjectMapper JSON = new ObjectMapper();

    protected final PackagedModel model = PackagedModel.fromClassPath();
    protected JsonNode service;
    protected CrdSchemaValidator validator;
    protected KnativeSchemas schemas;
    protected List<JsonNode> resources;
    protected Path manifest;

    @BeforeEach
    void readManifest() throws IOException {
        manifest = Path.of(System.getProperty("knative.manifest", "target/kubernetes/knative.yml"));
        schemas = KnativeSchemas.load(KnativeSchemas.defaultDirectory());
        validator = CrdSchemaValidator.forCrd(KnativeSchemas.defaultDirectory().resolve("service.yaml"), "v1");
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
    public void everyResourceIsValidAgainstTheUpstreamSchemaOfItsKind() {
        for (JsonNode resource : resources) {
            String what = resource.path("kind").asText() + " " + resource.at("/metadata/name").asText();
            if (KubernetesApiSchemas.covers(resource)) {
                assertEquals(List.of(), KubernetesApiSchemas.validate(resource), what);
                continue;
            }
            CrdSchemaValidator v = schemas.validatorFor(resource).orElseThrow(() -> new AssertionError(
                    "no upstream schema for " + resource.path("apiVersion").asText() + " " + what
                            + ": only Knative resources and the NetworkPolicy belong in knative.yml"));
            assertEquals(List.of(), v.validate(resource), what);
        }
    }

    /** Safe as generated: no route from outside the cluster unless the build says so (docs/security.md). */
    @Test
    public void isReachableOnlyFromInsideTheClusterByDefault() {
        assertEquals("cluster-local", service.at("/metadata/labels").path("networking.knative.dev/visibility").asText());
    }

    @Test
    public void aNetworkPolicyAdmitsOnlyKnativesDataPlaneToThePods() {
        JsonNode policy = resource("NetworkPolicy", model.name());
        String selected = policy.at("/spec/podSelector/matchLabels").path("app.kubernetes.io/name").asText();
        assertEquals(model.name(), selected, "pod selector");
        assertEquals(selected, service.at("/spec/template/metadata/labels").path("app.kubernetes.io/name").asText(),
                "the revision's pods carry the label the policy selects");
        assertEquals("[\"Ingress\"]", policy.at("/spec/policyTypes").toString());
        List<String> admitted = new ArrayList<>();
        for (JsonNode rule : policy.at("/spec/ingress")) {
            for (JsonNode from : rule.path("from")) {
                assertTrue(from.path("podSelector").isMissingNode() && from.path("ipBlock").isMissingNode(),
                        "namespaces only: " + from);
                for (JsonNode expression : from.at("/namespaceSelector/matchExpressions")) {
                    expression.path("values").forEach(value -> admitted.add(value.asText()));
                }
            }
        }
        assertTrue(admitted.containsAll(List.of("knative-serving", "knative-eventing")), admitted.toString());
        assertTrue(!admitted.contains(""), admitted.toString());
    }

    @Test
    public void triggersRouteTheFunctionsEventTypesWithRetriesAndADeadLetterSink() {
        for (String type : List.of("request", "explain")) {
            JsonNode trigger = resource("Trigger", model.name() + "-" + (type.equals("request") ? "requests" : type));
            assertEquals("dev.scoring." + model.name() + "." + type, trigger.at("/spec/filter/attributes/type").asText());
            assertEquals("Service", trigger.at("/spec/subscriber/ref/kind").asText());
            assertEquals(model.name(), trigger.at("/spec/subscriber/ref/name").asText());
            assertTrue(trigger.at("/spec/delivery/retry").asInt() > 0);
            assertTrue(trigger.at("/spec/delivery/deadLetterSink/ref/name").isTextual());
        }
    }

    @Test
    public void kafkaTriggersDeliverInOrderAndTheOthersDoNot() {
        for (JsonNode trigger : resources) {
            if (!"Trigger".equals(trigger.path("kind").asText())) {
                continue;
            }
            String name = trigger.at("/metadata/name").asText();
            boolean carriesKafkaRecords = name.equals(model.name() + "-kafka") || name.equals(model.name() + "-results");
            assertEquals(carriesKafkaRecords ? "ordered" : "unordered",
                    trigger.at("/metadata/annotations").path("kafka.eventing.knative.dev/delivery.order").asText(),
                    "delivery order of Trigger " + name);
        }
    }

    @Test
    public void aSinkBindingGivesTheFunctionTheBrokerAsItsPayloadLogSink() {
        JsonNode binding = resource("SinkBinding", model.name() + "-sink");
        assertEquals(model.name(), binding.at("/spec/subject/name").asText());
        assertEquals("Broker", binding.at("/spec/sink/ref/kind").asText());
    }

    @Test
    public void theContainerLogsJsonLinesForTheClustersLogCollector() {
        JsonNode env = service.at("/spec/template/spec/containers/0/env");
        boolean json = false;
        for (JsonNode variable : env) {
            json |= variable.path("name").asText().equals("QUARKUS_LOG_CONSOLE_JSON_ENABLED")
                    && variable.path("value").asText().equals("true");
        }
        assertTrue(json, "QUARKUS_LOG_CONSOLE_JSON_ENABLED=true in the container's environment: " + env);
    }

    @Test
    public void servingSettingsThatSpeedUpColdStarts() {
        JsonNode template = service.at("/spec/template");
        assertEquals(false, template.at("/spec/enableServiceLinks").asBoolean(true));
        assertTrue(template.at("/metadata/annotations").has("autoscaling.knative.dev/initial-scale"));
        assertTrue(template.at("/metadata/annotations").has("autoscaling.knative.dev/scale-down-delay"));
        assertTrue(template.at("/spec/containerConcurrency").asInt() > 0);
        assertEquals("IfNotPresent", container().path("imagePullPolicy").asText());
    }

    /**
     * The operator renders a function's Knative Service with the shared code in {@code scoring-manifests}
     * ({@link FunctionService}); for the settings this build wrote (image, scaling, resources, visibility,
     * spread, environment) that rendering must be the build's Service field for field, except Quarkus' own
     * build-information annotations and labels, so that one function can be deployed either way.
     */
    @Test
    public void theOperatorsRenderingOfTheseSettingsIsTheBuildsService() throws IOException {
        ServingSettings settings = FunctionService.settingsOf(JSON.treeToValue(service, Service.class));
        JsonNode rendered = JSON.readTree(JSON.writeValueAsString(FunctionService.of(settings)));
        assertEquals(SameResources.withoutBuildInformation(service), SameResources.withoutBuildInformation(rendered));
    }

    /**
     * The build's other deployment target: {@code target/kubernetes/scoringfunction.yml}, valid against the
     * ScoringFunction CRD, which the operator renders into exactly the resources of {@code knative.yml}.
     */
    @Test
    public void theBuildsScoringFunctionIsValidAndRendersToTheBuildsResources() throws Exception {
        Path file = manifest.resolveSibling("scoringfunction.yml");
        assertTrue(Files.exists(file), file + " (the build says in its log why it wrote none)");
        List<JsonNode> written = CrdSchemaValidator.readManifests(file);
        assertEquals(1, written.size());
        Path crds = Files.createTempDirectory("crd");
        CrdWriter.main(new String[] { crds.toString() });
        CrdSchemaValidator crd = CrdSchemaValidator.forCrd(crds.resolve("scoringfunctions.scoring.dev-v1.yml"),
                "v1alpha1");
        assertEquals(List.of(), crd.validate(written.get(0)));
        ScoringFunction function = JSON.treeToValue(written.get(0), ScoringFunction.class);
        assertEquals(model.name(), function.getSpec().model.name);
        assertEquals(Optional.empty(), SameResources.firstDifference(resources, FunctionResources.of(function)));
    }

    /**
     * The operator writes the NetworkPolicy of the extension's defaults, which every function keeps: the same
     * rules, and the function's labels (Quarkus adds its common labels and annotations to every resource it
     * writes, which the operator's rendering need not repeat).
     */
    @Test
    public void theOperatorsNetworkPolicyIsTheBuilds() throws IOException {
        JsonNode built = resource("NetworkPolicy", model.name());
        JsonNode rendered = JSON.readTree(JSON.writeValueAsString(
                NetworkPolicies.of(model.name(), NetworkPolicySettings.defaults())));
        assertEquals(built.path("spec"), rendered.path("spec"));
        rendered.at("/metadata/labels").fields().forEachRemaining(label -> assertEquals(label.getValue(),
                built.at("/metadata/labels").path(label.getKey()), "label " + label.getKey()));
    }

    protected JsonNode resource(String kind, String name) {
        return resources.stream()
                .filter(r -> kind.equals(r.path("kind").asText()) && name.equals(r.at("/metadata/name").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in knative.yml"));
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

    /**
     * A native build's container is sized for the native executable (the extension's
     * {@code scoring-knative.native.*} defaults), a JVM build's for the JVM.
     */
    @Test
    public void memoryIsSizedForWhatTheBuildPackaged() {
        JsonNode memory = container().path("resources");
        boolean nativeBuild = PackagedArtifact.current().isNative();
        assertEquals(nativeBuild ? "128Mi" : "256Mi", memory.at("/requests/memory").asText(), "memory request");
        assertEquals(nativeBuild ? "192Mi" : "512Mi", memory.at("/limits/memory").asText(), "memory limit");
    }

    @Test
    public void wiresTheProbesToTheHealthEndpoints() {
        assertEquals("/q/health/live", container().at("/livenessProbe/httpGet/path").asText());
        assertEquals("/q/health/ready", container().at("/readinessProbe/httpGet/path").asText());
    }

    /**
     * The fastest correct path to a cold start's first request: readiness with period 0, which Knative's
     * queue-proxy polls every 50 ms, and no startup probe, which would hold readiness back until the
     * kubelet's once-a-period startup probe passed (scoring-knative.startup-probe switches it on).
     */
    @Test
    public void letsKnativeProbeReadinessAggressivelyWithoutAStartupProbe() {
        assertEquals(0, container().at("/readinessProbe/periodSeconds").asInt(0), "readiness periodSeconds");
        assertTrue(container().path("startupProbe").isMissingNode(), "no startup probe by default");
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
