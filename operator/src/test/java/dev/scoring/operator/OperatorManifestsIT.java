package dev.scoring.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.scoring.testing.CrdSchemaValidator;
import dev.scoring.testing.KubernetesApiSchemas;

/** The operator's own manifests, as its build writes them: schema-valid, HA, and a Role no wider than needed. */
class OperatorManifestsIT {

    private static List<JsonNode> manifests;

    @BeforeAll
    static void read() throws Exception {
        manifests = new ArrayList<>(CrdSchemaValidator.readManifests(Path.of(System.getProperty("operator.manifest"))));
        manifests.addAll(CrdSchemaValidator.readManifests(Path.of(System.getProperty("scoringfunction.crd"))));
    }

    @Test
    void everyManifestPassesItsUpstreamSchema() {
        List<String> problems = new ArrayList<>();
        for (JsonNode manifest : manifests) {
            assertTrue(KubernetesApiSchemas.covers(manifest), "no schema for " + manifest.path("kind"));
            problems.addAll(KubernetesApiSchemas.validate(manifest));
        }
        assertEquals(List.of(), problems);
        assertEquals(Set.of("ServiceAccount", "Role", "RoleBinding", "Service", "Deployment",
                "CustomResourceDefinition"), kinds());
    }

    @Test
    void twoReplicasRunUnderTheOperatorsServiceAccount() {
        JsonNode deployment = only("Deployment");
        assertEquals(2, deployment.at("/spec/replicas").asInt());
        assertEquals("scoring-operator", deployment.at("/spec/template/spec/serviceAccountName").asText());
    }

    /** Namespaced only, and nothing it does not reconcile; the ScoringFunctions themselves are read-only. */
    @Test
    void theRoleGrantsWhatTheOperatorReadsAndWritesAndNothingElse() {
        JsonNode binding = only("RoleBinding");
        assertEquals("Role", binding.at("/roleRef/kind").asText());
        assertEquals("scoring-operator", binding.at("/subjects/0/name").asText());
        Set<String> grants = new TreeSet<>();
        for (JsonNode rule : only("Role").path("rules")) {
            for (JsonNode group : rule.path("apiGroups")) {
                for (JsonNode resource : rule.path("resources")) {
                    for (JsonNode verb : rule.path("verbs")) {
                        grants.add(group.asText() + "/" + resource.asText() + ":" + verb.asText());
                    }
                }
            }
        }
        assertTrue(grants.stream().noneMatch(g -> g.contains("*")), grants.toString());
        assertTrue(grants.stream().noneMatch(g -> g.startsWith("scoring.dev/scoringfunctions:")
                && !Set.of("get", "list", "watch").contains(g.substring(g.indexOf(':') + 1))), grants.toString());
        assertTrue(grants.stream().noneMatch(g -> g.startsWith("/")), "no core resources: " + grants);
        assertTrue(grants.contains("coordination.k8s.io/leases:update"), "leader election");
        assertTrue(grants.contains("serving.knative.dev/services:update"), "drift repair");
        assertTrue(grants.contains("eventing.knative.dev/triggers:delete"), "triggers no longer asked for");
        assertTrue(!grants.contains("serving.knative.dev/services:delete"), "garbage collection deletes Services");
    }

    private Set<String> kinds() {
        Set<String> kinds = new TreeSet<>();
        manifests.forEach(m -> kinds.add(m.path("kind").asText()));
        return kinds;
    }

    private JsonNode only(String kind) {
        List<JsonNode> found = manifests.stream().filter(m -> kind.equals(m.path("kind").asText())).toList();
        assertEquals(1, found.size(), kind);
        return found.get(0);
    }
}
