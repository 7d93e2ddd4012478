package dev.scoring.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.scoring.manifests.scoringfunction.Eventing;
import dev.scoring.manifests.scoringfunction.ScoringFunction;
import dev.scoring.manifests.scoringfunction.ScoringFunctions;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;

/** A build's resources described as a ScoringFunction, and how a rendering that differs from them is told apart. */
class SameResourcesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final ServingSettings IRIS = new ServingSettings("iris", "registry.example/scoring/iris:1",
            new ServingSettings.ModelIdentity("iris", "1.0.0", "ab".repeat(32)),
            new ServingSettings.Scaling(0, 5, 50, 100, 1, "0s"),
            new ServingSettings.Resources("250m", "256Mi", "1000m", "512Mi"), true,
            Optional.of("topology.kubernetes.io/zone"), List.of(ScoringFunctions.payloadLogging()));

    @Test
    void aServiceReadsBackToTheSettingsItWasRenderedFrom() {
        assertEquals(IRIS, FunctionService.settingsOf(FunctionService.of(IRIS)));
    }

    @Test
    void theScoringFunctionOfABuildRendersItsResources() throws Exception {
        ScoringFunction function = ScoringFunctions.of(IRIS, new Eventing());
        assertTrue(function.getSpec().payloadLogging);
        assertEquals(Optional.empty(), SameResources.firstDifference(asBuilt(FunctionResources.of(function)),
                FunctionResources.of(function)));
    }

    @Test
    void aFieldThatDiffersIsNamedWithBothValues() throws Exception {
        ScoringFunction function = ScoringFunctions.of(IRIS, new Eventing());
        List<JsonNode> built = asBuilt(FunctionResources.of(function));
        ((ObjectNode) built.get(0).at("/spec/template/metadata/annotations"))
                .put("autoscaling.knative.dev/max-scale", "7");
        String difference = SameResources.firstDifference(built, FunctionResources.of(function)).orElseThrow();
        assertTrue(difference.startsWith("Service iris: /spec/template/metadata/annotations/"), difference);
        assertTrue(difference.endsWith("max-scale is \"7\" in the build, \"5\" rendered"), difference);
    }

    @Test
    void aContainerVariableAScoringFunctionCannotSayIsADifference() throws Exception {
        List<EnvVar> env = List.of(new EnvVar("SCORING_AUTH_EVENTING_ENABLED", "true", null));
        ServingSettings oidc = new ServingSettings("iris", IRIS.image(), IRIS.model(), IRIS.scaling(),
                IRIS.resources(), true, IRIS.topologyKey(), env);
        List<JsonNode> built = asBuilt(List.of(FunctionService.of(oidc)));
        List<HasMetadata> rendered = List.of(FunctionService.of(FunctionService.settingsOf(FunctionService.of(oidc))));
        assertEquals(Optional.empty(), SameResources.firstDifference(built, rendered), "read back, it is the same");
        String difference = SameResources.firstDifference(built,
                List.of(FunctionResources.of(ScoringFunctions.of(oidc, new Eventing())).get(0))).orElseThrow();
        assertTrue(difference.contains("/containers/0/env is ") && difference.contains("SCORING_AUTH_EVENTING_ENABLED"),
                difference);
    }

    @Test
    void aResourceOnlyTheBuildWritesIsNamed() throws Exception {
        ScoringFunction function = ScoringFunctions.of(IRIS, new Eventing());
        List<JsonNode> built = asBuilt(FunctionResources.of(function));
        built.add(JSON.readTree("{\"apiVersion\":\"keda.sh/v1alpha1\",\"kind\":\"ScaledObject\","
                + "\"metadata\":{\"name\":\"iris\"}}"));
        assertEquals(Optional.of("the build also writes ScaledObject iris"),
                SameResources.firstDifference(built, FunctionResources.of(function)));
    }

    /** As Quarkus writes them: with its labels and annotations about the build on every resource. */
    private static List<JsonNode> asBuilt(List<HasMetadata> resources) throws Exception {
        List<JsonNode> built = new ArrayList<>();
        for (HasMetadata resource : resources) {
            ObjectNode node = (ObjectNode) JSON.readTree(JSON.writeValueAsString(resource));
            ObjectNode metadata = (ObjectNode) node.get("metadata");
            metadata.withObject("/labels").put("app.kubernetes.io/managed-by", "quarkus");
            metadata.withObject("/annotations").put("app.quarkus.io/build-timestamp", "2026-12-03 - 10:00:00 +0000");
            built.add(node);
        }
        return built;
    }
}
