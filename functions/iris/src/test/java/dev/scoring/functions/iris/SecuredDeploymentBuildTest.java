package dev.scoring.functions.iris;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import dev.scoring.testing.CrdSchemaValidator;
import dev.scoring.testing.KnativeSchemas;
import io.quarkus.test.ProdBuildResults;
import io.quarkus.test.ProdModeTestResults;
import io.quarkus.test.QuarkusProdModeTest;

/**
 * A function built with every security option: a Kafka cluster that requires SASL over TLS, and Knative
 * Eventing's OIDC authentication. Every generated resource refers to the credentials Secret by name and key,
 * none carries a credential; the Triggers ask for delivery tokens with the function's audience and the
 * function is told to verify them; the Eventing resources stay valid against the upstream CRD schemas.
 */
class SecuredDeploymentBuildTest {

    private static final String SECRET = "iris-kafka-credentials";

    @RegisterExtension
    static final QuarkusProdModeTest build = FunctionBuild.of("iris")
            .overrideConfigKey("scoring-knative.kafka.security-protocol", "SASL_SSL")
            .overrideConfigKey("scoring-knative.kafka.credentials-secret", SECRET)
            .overrideConfigKey("scoring-knative.eventing.input-topics", "iris-requests")
            .overrideConfigKey("scoring-knative.eventing.results-topic", "iris-scored")
            .overrideConfigKey("scoring-knative.eventing.oidc", "true")
            .overrideConfigKey("quarkus.oidc.enabled", "true")
            .overrideConfigKey("quarkus.knative.namespace", "ml-prod")
            .setRun(false);

    @ProdBuildResults
    ProdModeTestResults results;

    @Test
    void everyEventingResourceIsValidAgainstItsSchemaWithCredentials() throws IOException {
        KnativeSchemas schemas = KnativeSchemas.load(KnativeSchemas.defaultDirectory());
        int validated = 0;
        for (JsonNode resource : manifest()) {
            var validator = schemas.validatorFor(resource);
            if (validator.isPresent()) {
                assertEquals(List.of(), validator.get().validate(resource), resource.toString());
                validated++;
            }
        }
        assertTrue(validated >= 6, "the Service, Triggers, SinkBinding, KafkaSource and KafkaSinks were validated");
    }

    @Test
    void theKafkaSourceReadsSaslAndTheCaFromTheSecretsKeys() throws IOException {
        JsonNode net = only("KafkaSource").at("/spec/net");
        assertTrue(net.at("/sasl/enable").asBoolean());
        assertSecretKey(net.at("/sasl/user"), "user");
        assertSecretKey(net.at("/sasl/password"), "password");
        assertSecretKey(net.at("/sasl/type"), "sasl.mechanism");
        assertTrue(net.at("/tls/enable").asBoolean());
        assertSecretKey(net.at("/tls/caCert"), "ca.crt");
    }

    @Test
    void theResultsKafkaSinkNamesTheSecret() throws IOException {
        JsonNode sink = only("KafkaSink");
        assertEquals(SECRET, sink.at("/spec/auth/secret/ref/name").asText(), sink.toString());
    }

    @Test
    void theFunctionsContainerTakesItsCredentialsFromTheSecret() throws IOException {
        Map<String, JsonNode> env = new HashMap<>();
        only("Service").at("/spec/template/spec/containers/0/env").forEach(var -> env.put(var.path("name").asText(), var));
        assertEquals("SASL_SSL", env.get("SCORING_KAFKA_SECURITY_PROTOCOL").path("value").asText());
        Map<String, String> fromSecret = Map.of("SCORING_KAFKA_SASL_MECHANISM", "sasl.mechanism",
                "SCORING_KAFKA_SASL_USERNAME", "user", "SCORING_KAFKA_SASL_PASSWORD", "password",
                "SCORING_KAFKA_TLS_CA_CERTIFICATES", "ca.crt");
        fromSecret.forEach((name, key) -> {
            JsonNode var = env.get(name);
            assertTrue(var != null, name + " is set: " + env.keySet());
            assertFalse(var.has("value"), name + " has no literal value");
            assertSecretKey(var.at("/valueFrom"), key);
        });
    }

    @Test
    void theTriggersToTheFunctionAskForTokensWithItsAudience() throws IOException {
        int toFunction = 0;
        for (JsonNode trigger : manifest().stream().filter(r -> r.path("kind").asText().equals("Trigger")).toList()) {
            JsonNode subscriber = trigger.at("/spec/subscriber");
            if (subscriber.at("/ref/kind").asText().equals("Service")) {
                assertEquals("serving.knative.dev/service/ml-prod/iris", subscriber.path("audience").asText(),
                        trigger.toString());
                toFunction++;
            }
        }
        assertEquals(3, toFunction, "requests, explanations and Kafka records");
    }

    @Test
    void theFunctionVerifiesDeliveryTokensFromItsOwnTriggers() throws IOException {
        Map<String, String> env = new HashMap<>();
        only("Service").at("/spec/template/spec/containers/0/env")
                .forEach(var -> env.put(var.path("name").asText(), var.path("value").asText()));
        assertEquals("true", env.get("SCORING_AUTH_EVENTING_ENABLED"));
        assertEquals("serving.knative.dev/service/ml-prod/iris", env.get("SCORING_AUTH_EVENTING_AUDIENCE"));
        assertEquals("system:serviceaccount:ml-prod:iris-requests-oidc-eventing.knative.dev-trigger,"
                + "system:serviceaccount:ml-prod:iris-explain-oidc-eventing.knative.dev-trigger,"
                + "system:serviceaccount:ml-prod:iris-kafka-oidc-eventing.knative.dev-trigger",
                env.get("SCORING_AUTH_EVENTING_ALLOWED_SENDERS"));
        assertEquals("/var/run/secrets/kubernetes.io/serviceaccount/ca.crt",
                env.get("QUARKUS_TLS_KUBERNETES_TRUST_STORE_PEM_CERTS"));
        assertEquals("kubernetes", env.get("QUARKUS_OIDC_EVENTING_TLS_TLS_CONFIGURATION_NAME"));
    }

    @Test
    void noManifestCarriesACredential() throws IOException {
        for (String file : List.of("knative.yml", "knative.json")) {
            Path path = results.getBuildDir().resolve("kubernetes").resolve(file);
            if (Files.exists(path)) {
                String text = Files.readString(path);
                assertFalse(text.contains("sasl.jaas.config"), file);
                assertFalse(text.contains("ScramLoginModule"), file);
            }
        }
    }

    private static void assertSecretKey(JsonNode reference, String key) {
        assertEquals(SECRET, reference.at("/secretKeyRef/name").asText(), reference.toString());
        assertEquals(key, reference.at("/secretKeyRef/key").asText(), reference.toString());
    }

    private JsonNode only(String kind) throws IOException {
        List<JsonNode> found = manifest().stream().filter(r -> r.path("kind").asText().equals(kind)).toList();
        assertEquals(1, found.size(), "one " + kind);
        return found.get(0);
    }

    private List<JsonNode> manifest() throws IOException {
        return CrdSchemaValidator.readManifests(results.getBuildDir().resolve("kubernetes").resolve("knative.yml"));
    }
}
