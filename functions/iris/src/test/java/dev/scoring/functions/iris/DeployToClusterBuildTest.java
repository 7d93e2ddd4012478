package dev.scoring.functions.iris;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.scoring.testing.CrdSchemaValidator;
import dev.scoring.testing.KnativeMockCluster;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.quarkus.test.ProdBuildResults;
import io.quarkus.test.ProdModeTestResults;
import io.quarkus.test.QuarkusProdModeTest;

/**
 * {@code ./mvnw package -Dquarkus.kubernetes.deploy=true}: Quarkus' production build of this
 * function, with deploy on, against a cluster named by a kubeconfig (the in-memory
 * {@link KnativeMockCluster}) must leave in the context's namespace every resource of the generated
 * knative.yml, the eventing ones included, exactly as generated.
 * <p>
 * The build is Quarkus' own (QuarkusProdModeTest, in this JVM); the kubeconfig is named by the
 * {@code kubeconfig} system property, which the Kubernetes client reads like {@code KUBECONFIG}.
 * Image build and push are off: this test is about the manifests reaching the cluster.
 */
class DeployToClusterBuildTest {

    private static final String NAMESPACE = "scoring-test";
    private static final ObjectMapper JSON = new ObjectMapper();

    // Started before the build below, which runs when JUnit reads the extension field.
    static final KnativeMockCluster cluster = KnativeMockCluster.start(NAMESPACE);
    static {
        System.setProperty("kubeconfig", cluster.kubeconfig().toString());
    }

    @RegisterExtension
    static final QuarkusProdModeTest build = FunctionBuild.of("iris")
            .overrideConfigKey("quarkus.kubernetes.deploy", "true")
            .overrideConfigKey("quarkus.container-image.build", "false")
            .overrideConfigKey("quarkus.container-image.push", "false")
            .setRun(false);

    @ProdBuildResults
    ProdModeTestResults results;

    @AfterAll
    static void stopCluster() {
        System.clearProperty("kubeconfig");
        cluster.close();
    }

    @Test
    void theKnativeServiceIsInTheContextsNamespaceAsGenerated() throws IOException {
        JsonNode generated = generated("Service", "iris");
        Service deployed = cluster.knative().services().inNamespace(NAMESPACE).withName("iris").get();
        assertNotNull(deployed, "Knative Service iris in " + NAMESPACE);
        GenericKubernetesResource stored = deployed("serving.knative.dev/v1", "Service", "iris");
        assertEquals(generated.get("spec"), JSON.valueToTree(stored.getAdditionalProperties().get("spec")));
        assertEquals(generated.at("/spec/template/spec/containers/0/image").asText(),
                deployed.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
        assertEquals("iris", deployed.getMetadata().getLabels().get("scoring.dev/model"));
    }

    @Test
    void theNetworkPolicyAndEveryEventingResourceOfTheManifestAreInTheCluster() throws IOException {
        List<JsonNode> eventing = manifest().stream()
                .filter(r -> !r.path("kind").asText().equals("Service"))
                .toList();
        assertEquals(List.of("NetworkPolicy", "Trigger", "SinkBinding", "Trigger", "KafkaSource", "Trigger", "KafkaSink",
                "Trigger"), eventing.stream().map(r -> r.path("kind").asText()).toList());
        for (JsonNode resource : eventing) {
            GenericKubernetesResource deployed = deployed(resource.path("apiVersion").asText(),
                    resource.path("kind").asText(), resource.at("/metadata/name").asText());
            assertEquals(resource.get("spec"), JSON.valueToTree(deployed.getAdditionalProperties().get("spec")),
                    resource.path("kind").asText() + " " + resource.at("/metadata/name").asText());
        }
    }

    @Test
    void theKafkaResourcesCarryTheFunctionsTopics() {
        GenericKubernetesResource source = deployed("sources.knative.dev/v1beta1", "KafkaSource", "iris-input");
        JsonNode sourceSpec = JSON.valueToTree(source.getAdditionalProperties().get("spec"));
        assertEquals("iris-requests", sourceSpec.at("/topics/0").asText());
        assertEquals("Broker", sourceSpec.at("/sink/ref/kind").asText());

        GenericKubernetesResource sink = deployed("eventing.knative.dev/v1alpha1", "KafkaSink", "iris-results");
        assertEquals("iris-scored", JSON.valueToTree(sink.getAdditionalProperties().get("spec")).at("/topic").asText());

        GenericKubernetesResource trigger = deployed("eventing.knative.dev/v1", "Trigger", "iris-requests");
        JsonNode triggerSpec = JSON.valueToTree(trigger.getAdditionalProperties().get("spec"));
        assertEquals("dev.scoring.iris.request", triggerSpec.at("/filter/attributes/type").asText());
        assertEquals("iris", triggerSpec.at("/subscriber/ref/name").asText());
    }

    @Test
    void nothingLandsOutsideTheContextsNamespace() {
        assertEquals(List.of(), cluster.knative().services().inNamespace("default").list().getItems());
        assertEquals(1, cluster.knative().services().inAnyNamespace().list().getItems().size());
    }

    private GenericKubernetesResource deployed(String apiVersion, String kind, String name) {
        GenericKubernetesResource deployed = cluster.kubernetes().genericKubernetesResources(apiVersion, kind)
                .inNamespace(NAMESPACE).withName(name).get();
        assertNotNull(deployed, kind + " " + name + " in " + NAMESPACE);
        return deployed;
    }

    private List<JsonNode> manifest() throws IOException {
        Path knativeYml = results.getBuildDir().resolve("kubernetes").resolve("knative.yml");
        return CrdSchemaValidator.readManifests(knativeYml);
    }

    private JsonNode generated(String kind, String name) throws IOException {
        return manifest().stream()
                .filter(r -> r.path("kind").asText().equals(kind) && r.at("/metadata/name").asText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in knative.yml"));
    }
}
