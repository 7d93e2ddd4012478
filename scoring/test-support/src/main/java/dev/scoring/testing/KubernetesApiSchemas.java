package dev.scoring.testing;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;

import io.kubernetes.client.openapi.models.V1CustomResourceDefinition;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1Role;
import io.kubernetes.client.openapi.models.V1RoleBinding;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceAccount;

/**
 * Validates core Kubernetes resources (not CRDs) against the upstream OpenAPI schema of their API group.
 * The schema comes through the official Kubernetes Java client, whose model classes are generated from
 * Kubernetes' OpenAPI document and carry a validator each: required fields, and no field the schema does
 * not define, at every level. The Knative resources have their own CRD schemas ({@link KnativeSchemas}).
 */
public final class KubernetesApiSchemas {

    /** A generated model's validator: throws on the first problem. */
    @FunctionalInterface
    private interface ModelValidator {
        void validate(JsonElement json) throws IOException;
    }

    private static final Map<String, ModelValidator> BY_TYPE = Map.of(
            "networking.k8s.io/v1 NetworkPolicy", V1NetworkPolicy::validateJsonElement,
            "v1 ServiceAccount", V1ServiceAccount::validateJsonElement,
            "v1 Service", V1Service::validateJsonElement,
            "apps/v1 Deployment", V1Deployment::validateJsonElement,
            "rbac.authorization.k8s.io/v1 Role", V1Role::validateJsonElement,
            "rbac.authorization.k8s.io/v1 RoleBinding", V1RoleBinding::validateJsonElement,
            "apiextensions.k8s.io/v1 CustomResourceDefinition", V1CustomResourceDefinition::validateJsonElement);

    private KubernetesApiSchemas() {
    }

    /** Whether the upstream schema of this resource's API version and kind is known here. */
    public static boolean covers(JsonNode resource) {
        return BY_TYPE.containsKey(type(resource));
    }

    /**
     * @return the problems, empty when the resource is valid
     * @throws IllegalArgumentException for a resource whose schema is not known here (see {@link #covers})
     */
    public static List<String> validate(JsonNode resource) {
        ModelValidator validator = Optional.ofNullable(BY_TYPE.get(type(resource)))
                .orElseThrow(() -> new IllegalArgumentException("no upstream schema here for " + type(resource)));
        try {
            validator.validate(JsonParser.parseString(resource.toString()));
            return List.of();
        } catch (IOException | IllegalArgumentException problem) {
            return List.of(type(resource) + " " + resource.at("/metadata/name").asText() + ": " + problem.getMessage());
        }
    }

    private static String type(JsonNode resource) {
        return resource.path("apiVersion").asText() + " " + resource.path("kind").asText();
    }
}
