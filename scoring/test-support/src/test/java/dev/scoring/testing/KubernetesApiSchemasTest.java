package dev.scoring.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

class KubernetesApiSchemasTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode networkPolicy() throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
                 "metadata": {"name": "iris", "labels": {"app.kubernetes.io/name": "iris"}},
                 "spec": {"podSelector": {"matchLabels": {"app.kubernetes.io/name": "iris"}},
                          "policyTypes": ["Ingress"],
                          "ingress": [{"from": [{"namespaceSelector": {"matchExpressions": [
                              {"key": "kubernetes.io/metadata.name", "operator": "In", "values": ["knative-serving"]}]}}],
                            "ports": [{"port": 8080, "protocol": "TCP"}]}]}}
                """);
    }

    @Test
    void acceptsAValidNetworkPolicy() throws Exception {
        assertEquals(List.of(), KubernetesApiSchemas.validate(networkPolicy()));
    }

    @Test
    void refusesAFieldTheSchemaDoesNotDefine() throws Exception {
        ObjectNode policy = networkPolicy();
        ((ObjectNode) policy.path("spec")).set("podSelectr", policy.at("/spec/podSelector"));
        List<String> problems = KubernetesApiSchemas.validate(policy);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("podSelectr"), problems.get(0));
    }

    @Test
    void refusesAMissingRequiredField() throws Exception {
        ObjectNode policy = networkPolicy();
        ObjectNode expression = (ObjectNode) policy.at("/spec/ingress/0/from/0/namespaceSelector/matchExpressions/0");
        expression.remove("operator");
        List<String> problems = KubernetesApiSchemas.validate(policy);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("operator"), problems.get(0));
    }

    @Test
    void coversOnlyTheKindsItHasSchemasFor() throws Exception {
        assertTrue(KubernetesApiSchemas.covers(networkPolicy()));
        JsonNode trigger = JSON.readTree("{\"apiVersion\": \"eventing.knative.dev/v1\", \"kind\": \"Trigger\"}");
        assertFalse(KubernetesApiSchemas.covers(trigger));
    }
}
